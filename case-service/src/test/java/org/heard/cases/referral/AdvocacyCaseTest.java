package org.heard.cases.referral;

import static org.heard.cases.Refusals.ruleViolated;
import static org.heard.cases.Refusals.unknownReference;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.heard.cases.involvement.record.RecordInvolvement;
import org.heard.cases.issue.raise.RaiseIssue;
import org.heard.contracts.SealedValue;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.CaseReopened;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ContactMode;
import org.heard.contracts.cases.DeclineReason;
import org.heard.contracts.cases.FirstContactMade;
import org.heard.contracts.cases.IssueCategory;
import org.heard.contracts.cases.IssueRaised;
import org.heard.contracts.cases.IssueResolution;
import org.heard.contracts.cases.IssueResolved;
import org.heard.contracts.cases.LegalStatusRecorded;
import org.heard.contracts.cases.ReferralAccepted;
import org.heard.contracts.cases.ReferralDeclined;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.cases.Setting;
import org.heard.contracts.involvement.Forum;
import org.heard.contracts.involvement.ForumScheduled;
import org.heard.contracts.involvement.InvolvementCorrected;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.contracts.involvement.Participation;
import org.heard.contracts.involvement.ViewsTaken;
import org.heard.cases.person.Persons;
import org.heard.kit.web.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules of casework, as given/when/then specifications: one rule, one handler, one test (or a few). */
class AdvocacyCaseTest {

    private static final String CASE = "6f1d7c2e-4b4a-4e57-9a53-2a8f0c1d9b10";
    private static final String PERSON = "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e";
    private static final String ISSUE = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    private static final String INVOLVEMENT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final String FORUM = "2b3c4d5e-6f70-4182-9a3b-4c5d6e7f8091";
    private static final LocalDate TODAY = LocalDate.parse("2026-06-15");
    private static final LocalDate REFERRED = TODAY.minusDays(30);
    private static final SealedValue WORDS = new SealedValue("k", "c2VhbGVk");

    private FixtureConfiguration<AdvocacyCase> fixture;
    /** The person's standing as case-service knows it; registered unless a test says otherwise. */
    private Persons.Standing standing = Persons.Standing.REGISTERED;

    @BeforeEach
    void setUp() {
        fixture = AdvocacyCaseFixture.fixture(() -> standing);
    }

    private static ReferralReceived referral(AdvocacyType type) {
        return new ReferralReceived(CASE, PERSON, type, ReferralSource.PROFESSIONAL, REFERRED, null,
                Setting.INPATIENT_WARD, true, null);
    }

    private static ReferralReceived referral() {
        return referral(AdvocacyType.COMMUNITY);
    }

    private static ReferralAccepted accepted() {
        return new ReferralAccepted(CASE, PERSON, REFERRED.plusDays(1), false);
    }

    private static CaseClosed closed() {
        return new CaseClosed(CASE, PERSON, ClosureReason.GOALS_MET, TODAY.minusDays(1));
    }

    private static InvolvementRecorded involvement(List<String> issues) {
        return new InvolvementRecorded(CASE, PERSON, INVOLVEMENT, Forum.WARD_ROUND, TODAY.minusDays(2), issues,
                Participation.SPOKE_FOR_THEMSELVES_WITH_SUPPORT, ViewsTaken.PARTLY, 60, null);
    }

    private static RecordInvolvement recordInvolvement(LocalDate heldOn, List<String> issues, String forumId) {
        return new RecordInvolvement(CASE, INVOLVEMENT, Forum.WARD_ROUND, heldOn, issues,
                Participation.SPOKE_FOR_THEMSELVES_WITH_SUPPORT, ViewsTaken.PARTLY, 60, forumId);
    }

    /** Nothing new is recorded on the case of a person erased since the referral. */
    @Nested
    class AfterErasure {

        @BeforeEach
        void erased() {
            standing = Persons.Standing.ERASED;
        }

        @Test
        void noIssueIsRaised() {
            fixture.given(referral(), accepted())
                    .when(new RaiseIssue(CASE, ISSUE, IssueCategory.MEDICATION, null, TODAY))
                    .expectException(ruleViolated("person-erased"));
        }

        @Test
        void noInvolvementIsRecorded() {
            fixture.given(referral(), accepted())
                    .when(recordInvolvement(TODAY, List.of(), null))
                    .expectException(ruleViolated("person-erased"));
        }
    }

    @Nested
    class Referral {

        @Test
        void aReferralOpensACase() {
            fixture.givenNoPriorActivity()
                    .when(new ReceiveReferral(CASE, PERSON, AdvocacyType.COMMUNITY, ReferralSource.PROFESSIONAL,
                            REFERRED, null, Setting.INPATIENT_WARD, true, null, "provider-a"))
                    .expectEvents(new ReferralReceived(CASE, PERSON, AdvocacyType.COMMUNITY,
                            ReferralSource.PROFESSIONAL, REFERRED, null, Setting.INPATIENT_WARD, true, null,
                            "provider-a"));
        }

        @Test
        void aReferralForAPersonNeverRegisteredIsRefusedNamingTheField() {
            standing = Persons.Standing.UNKNOWN;
            fixture.givenNoPriorActivity()
                    .when(new ReceiveReferral(CASE, PERSON, AdvocacyType.COMMUNITY, ReferralSource.PROFESSIONAL,
                            REFERRED, null, null, null, null, "provider-a"))
                    .expectException(unknownReference("personId", PERSON));
        }

        @Test
        void aReferralForAnErasedPersonIsRefused() {
            standing = Persons.Standing.ERASED;
            fixture.givenNoPriorActivity()
                    .when(new ReceiveReferral(CASE, PERSON, AdvocacyType.COMMUNITY, ReferralSource.PROFESSIONAL,
                            REFERRED, null, null, null, null, "provider-a"))
                    .expectException(ruleViolated("person-erased"));
        }

        @Test
        void aReferralCannotBeDatedInTheFuture() {
            fixture.givenNoPriorActivity()
                    .when(new ReceiveReferral(CASE, PERSON, AdvocacyType.CAMHS, ReferralSource.SELF, TODAY.plusDays(1),
                            null, null, null, null, "provider-a"))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("referredOn cannot lie in the future");
        }
    }
}
