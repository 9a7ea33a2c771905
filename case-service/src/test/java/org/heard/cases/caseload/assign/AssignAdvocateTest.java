package org.heard.cases.caseload.assign;

import static org.heard.cases.Refusals.ruleViolated;
import static org.heard.cases.referral.AdvocacyCaseFixture.CASE;
import static org.heard.cases.referral.AdvocacyCaseFixture.PERSON;
import static org.heard.cases.referral.AdvocacyCaseFixture.accepted;
import static org.heard.cases.referral.AdvocacyCaseFixture.fixture;
import static org.heard.cases.referral.AdvocacyCaseFixture.referral;

import org.heard.cases.person.Persons;
import org.heard.contracts.cases.AdvocateAssigned;
import org.junit.jupiter.api.Test;

/** Assigning an advocate: only to an accepted, open case; the same advocate in the same team again records nothing. */
class AssignAdvocateTest {

    @Test
    void noAdvocateIsAssignedBeforeAcceptance() {
        fixture().given(referral())
                .when(new AssignAdvocate(CASE, "advocate-1"))
                .expectException(ruleViolated("not-accepted"))
                .expectNoEvents();
    }

    @Test
    void anAdvocateIsAssignedToAnAcceptedCase() {
        fixture().given(referral(), accepted())
                .when(new AssignAdvocate(CASE, "advocate-1"))
                .expectEvents(new AdvocateAssigned(CASE, PERSON, "advocate-1"));
    }

    @Test
    void reassigningTheSameAdvocateRecordsNothing() {
        fixture().given(referral(), accepted(), new AdvocateAssigned(CASE, PERSON, "advocate-1"))
                .when(new AssignAdvocate(CASE, "advocate-1"))
                .expectNoEvents();
    }

    @Test
    void anAssignmentNamesItsTeamAndMovingTheCaseToAnotherTeamIsRecorded() {
        fixture().given(referral(), accepted(), new AdvocateAssigned(CASE, PERSON, "advocate-1", "team-red"))
                .when(new AssignAdvocate(CASE, "advocate-1", "team-blue"))
                .expectEvents(new AdvocateAssigned(CASE, PERSON, "advocate-1", "team-blue"));
    }

    @Test
    void noAdvocateIsAssignedToTheCaseOfAnErasedPerson() {
        fixture(() -> Persons.Standing.ERASED).given(referral(), accepted())
                .when(new AssignAdvocate(CASE, "advocate-1"))
                .expectException(ruleViolated("person-erased"));
    }
}
