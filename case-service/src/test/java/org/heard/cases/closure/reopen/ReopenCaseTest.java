package org.heard.cases.closure.reopen;

import static org.heard.cases.Refusals.ruleViolated;
import static org.heard.cases.referral.AdvocacyCaseFixture.CASE;
import static org.heard.cases.referral.AdvocacyCaseFixture.PERSON;
import static org.heard.cases.referral.AdvocacyCaseFixture.TODAY;
import static org.heard.cases.referral.AdvocacyCaseFixture.accepted;
import static org.heard.cases.referral.AdvocacyCaseFixture.closed;
import static org.heard.cases.referral.AdvocacyCaseFixture.fixture;
import static org.heard.cases.referral.AdvocacyCaseFixture.referral;

import org.heard.cases.person.Persons;
import org.heard.contracts.cases.CaseReopened;
import org.junit.jupiter.api.Test;

/** Reopening: only a closed case, not before its closure nor in the future. */
class ReopenCaseTest {

    @Test
    void aClosedCaseIsReopened() {
        fixture().given(referral(), accepted(), closed())
                .when(new ReopenCase(CASE, TODAY))
                .expectEvents(new CaseReopened(CASE, PERSON, TODAY));
    }

    @Test
    void onlyAClosedCaseIsReopened() {
        fixture().given(referral(), accepted())
                .when(new ReopenCase(CASE, TODAY))
                .expectException(ruleViolated("case-not-closed"));
    }

    @Test
    void aReopeningCannotPrecedeTheClosure() {
        fixture().given(referral(), accepted(), closed())
                .when(new ReopenCase(CASE, TODAY.minusDays(2)))
                .expectException(ruleViolated("date-before-closure"))
                .expectExceptionMessage("reopenedOn cannot lie before the closure");
    }

    @Test
    void aReopeningCannotLieInTheFuture() {
        fixture().given(referral(), accepted(), closed())
                .when(new ReopenCase(CASE, TODAY.plusDays(1)))
                .expectException(ruleViolated("date-in-future"));
    }

    @Test
    void theCaseOfAnErasedPersonIsNotReopened() {
        fixture(() -> Persons.Standing.ERASED).given(referral(), accepted(), closed())
                .when(new ReopenCase(CASE, TODAY))
                .expectException(ruleViolated("person-erased"));
    }
}
