package org.heard.cases.involvement.record;

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

import java.time.LocalDate;
import java.util.List;

import org.heard.cases.person.Persons;
import org.heard.contracts.cases.IssueCategory;
import org.heard.contracts.cases.IssueRaised;
import org.heard.contracts.involvement.Forum;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.contracts.involvement.Participation;
import org.heard.contracts.involvement.ViewsTaken;
import org.junit.jupiter.api.Test;

/** Recording involvement: on an open case, naming only this case's issues and forums, with a date that happened. */
class RecordInvolvementTest {

    private static final String ISSUE = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    private static final String INVOLVEMENT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final String FORUM = "2b3c4d5e-6f70-4182-9a3b-4c5d6e7f8091";

    private static RecordInvolvement record(LocalDate heldOn, List<String> issues, String forumId) {
        return new RecordInvolvement(CASE, INVOLVEMENT, Forum.WARD_ROUND, heldOn, issues,
                Participation.SPOKE_FOR_THEMSELVES_WITH_SUPPORT, ViewsTaken.PARTLY, 60, forumId);
    }

    @Test
    void involvementLinksTheCasesIssues() {
        fixture().given(referral(), accepted(),
                        new IssueRaised(CASE, PERSON, ISSUE, IssueCategory.LEAVE, WORDS, TODAY.minusDays(5)))
                .when(record(TODAY.minusDays(2), List.of(ISSUE), null))
                .expectEvents(new InvolvementRecorded(CASE, PERSON, INVOLVEMENT, Forum.WARD_ROUND, TODAY.minusDays(2),
                        List.of(ISSUE), Participation.SPOKE_FOR_THEMSELVES_WITH_SUPPORT, ViewsTaken.PARTLY, 60, null));
    }

    @Test
    void involvementNamesNoIssueOrForumOfAnotherCase() {
        fixture().given(referral(), accepted())
                .when(record(TODAY.minusDays(2), List.of(ISSUE), null))
                .expectException(ruleViolated("unknown-issue"));
        fixture().given(referral(), accepted())
                .when(record(TODAY.minusDays(2), List.of(), FORUM))
                .expectException(ruleViolated("unknown-forum"))
                .expectExceptionMessage("forumId names no forum scheduled on this case");
    }

    @Test
    void involvementDatesAreNeitherInTheFutureNorBeforeTheReferral() {
        fixture().given(referral(), accepted())
                .when(record(TODAY.plusDays(1), List.of(), null))
                .expectExceptionMessage("heldOn cannot lie in the future");
        fixture().given(referral(), accepted())
                .when(record(REFERRED.minusDays(1), List.of(), null))
                .expectExceptionMessage("heldOn cannot lie before the referral date");
    }

    @Test
    void noInvolvementOnAClosedCase() {
        fixture().given(referral(), accepted(), closed())
                .when(record(TODAY, List.of(), null))
                .expectException(ruleViolated("case-closed"))
                .expectExceptionMessage("no involvement can be recorded on a closed case");
    }

    @Test
    void noInvolvementIsRecordedForAnErasedPerson() {
        fixture(() -> Persons.Standing.ERASED).given(referral(), accepted())
                .when(record(TODAY, List.of(), null))
                .expectException(ruleViolated("person-erased"));
    }
}
