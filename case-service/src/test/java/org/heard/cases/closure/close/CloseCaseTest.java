package org.heard.cases.closure.close;

import static org.heard.cases.Refusals.ruleViolated;
import static org.heard.cases.referral.AdvocacyCaseFixture.CASE;
import static org.heard.cases.referral.AdvocacyCaseFixture.PERSON;
import static org.heard.cases.referral.AdvocacyCaseFixture.REFERRED;
import static org.heard.cases.referral.AdvocacyCaseFixture.TODAY;
import static org.heard.cases.referral.AdvocacyCaseFixture.accepted;
import static org.heard.cases.referral.AdvocacyCaseFixture.closed;
import static org.heard.cases.referral.AdvocacyCaseFixture.fixture;
import static org.heard.cases.referral.AdvocacyCaseFixture.referral;

import org.heard.cases.person.Persons;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.DeclineReason;
import org.heard.contracts.cases.ReferralDeclined;
import org.junit.jupiter.api.Test;

/** Closing a case: once, with its reason, dated neither in the future nor before the referral; never a declined one. */
class CloseCaseTest {

    @Test
    void anOpenCaseIsClosedWithItsReason() {
        fixture().given(referral(), accepted())
                .when(new CloseCase(CASE, ClosureReason.GOALS_MET, TODAY))
                .expectEvents(new CaseClosed(CASE, PERSON, ClosureReason.GOALS_MET, TODAY));
    }

    @Test
    void aCaseIsClosedOnce() {
        fixture().given(referral(), accepted(), closed())
                .when(new CloseCase(CASE, ClosureReason.OTHER, TODAY))
                .expectException(ruleViolated("case-already-closed"))
                .expectExceptionMessage("the case is already closed");
    }

    @Test
    void aClosureIsDatedNeitherBeforeTheReferralNorInTheFuture() {
        fixture().given(referral())
                .when(new CloseCase(CASE, ClosureReason.NO_CONTACT, REFERRED.minusDays(1)))
                .expectExceptionMessage("closedOn cannot lie before the referral date");
        fixture().given(referral())
                .when(new CloseCase(CASE, ClosureReason.DISCHARGED, TODAY.plusDays(1)))
                .expectExceptionMessage("closedOn cannot lie in the future");
    }

    @Test
    void aDeclinedReferralHasNoCaseToClose() {
        fixture().given(referral(), new ReferralDeclined(CASE, PERSON, TODAY, DeclineReason.DUPLICATE_REFERRAL))
                .when(new CloseCase(CASE, ClosureReason.OTHER, TODAY))
                .expectException(ruleViolated("referral-declined"));
    }

    @Test
    void theCaseOfAnErasedPersonIsNotClosed() {
        fixture(() -> Persons.Standing.ERASED).given(referral(), accepted())
                .when(new CloseCase(CASE, ClosureReason.OTHER, TODAY))
                .expectException(ruleViolated("person-erased"));
    }
}
