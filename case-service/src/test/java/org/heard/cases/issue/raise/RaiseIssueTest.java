package org.heard.cases.issue.raise;

import static org.heard.cases.Refusals.ruleViolated;
import static org.heard.cases.referral.AdvocacyCaseFixture.CASE;
import static org.heard.cases.referral.AdvocacyCaseFixture.PERSON;
import static org.heard.cases.referral.AdvocacyCaseFixture.REFERRED;
import static org.heard.cases.referral.AdvocacyCaseFixture.TODAY;
import static org.heard.cases.referral.AdvocacyCaseFixture.WORDS;
import static org.heard.cases.referral.AdvocacyCaseFixture.accepted;
import static org.heard.cases.referral.AdvocacyCaseFixture.closed;
import static org.heard.cases.referral.AdvocacyCaseFixture.fixture;
import static org.heard.cases.referral.AdvocacyCaseFixture.referral;

import org.heard.cases.person.Persons;
import org.heard.contracts.cases.IssueCategory;
import org.heard.contracts.cases.IssueRaised;
import org.junit.jupiter.api.Test;

/** Raising an issue: on an open case, dated neither in the future nor before the referral, once per issue id. */
class RaiseIssueTest {

    private static final String ISSUE = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

    @Test
    void anIssueIsRaisedOnAnAcceptedCase() {
        fixture().given(referral(), accepted())
                .when(new RaiseIssue(CASE, ISSUE, IssueCategory.MEDICATION, WORDS, TODAY))
                .expectEvents(new IssueRaised(CASE, PERSON, ISSUE, IssueCategory.MEDICATION, WORDS, TODAY));
    }

    @Test
    void raisingTheSameIssueAgainChangesNothing() {
        fixture().given(referral(), accepted(), new IssueRaised(CASE, PERSON, ISSUE, IssueCategory.MEDICATION, WORDS,
                        TODAY))
                .when(new RaiseIssue(CASE, ISSUE, IssueCategory.MEDICATION, WORDS, TODAY))
                .expectNoEvents();
    }

    @Test
    void noIssueIsRaisedOnAClosedCase() {
        fixture().given(referral(), accepted(), closed())
                .when(new RaiseIssue(CASE, ISSUE, IssueCategory.LEAVE, WORDS, TODAY))
                .expectException(ruleViolated("case-closed"))
                .expectExceptionMessage("no issue can be recorded on a closed case");
    }

    @Test
    void anIssueIsDatedNeitherInTheFutureNorBeforeTheReferral() {
        fixture().given(referral(), accepted())
                .when(new RaiseIssue(CASE, ISSUE, IssueCategory.LEAVE, WORDS, TODAY.plusDays(1)))
                .expectException(ruleViolated("date-in-future"));
        fixture().given(referral(), accepted())
                .when(new RaiseIssue(CASE, ISSUE, IssueCategory.LEAVE, WORDS, REFERRED.minusDays(1)))
                .expectException(ruleViolated("date-before-referral"));
    }

    @Test
    void noIssueIsRaisedForAnErasedPerson() {
        fixture(() -> Persons.Standing.ERASED).given(referral(), accepted())
                .when(new RaiseIssue(CASE, ISSUE, IssueCategory.MEDICATION, null, TODAY))
                .expectException(ruleViolated("person-erased"));
    }
}
