package org.heard.cases.referral.decline;

import static org.heard.cases.Refusals.ruleViolated;
import static org.heard.cases.referral.AdvocacyCaseFixture.CASE;
import static org.heard.cases.referral.AdvocacyCaseFixture.PERSON;
import static org.heard.cases.referral.AdvocacyCaseFixture.REFERRED;
import static org.heard.cases.referral.AdvocacyCaseFixture.TODAY;
import static org.heard.cases.referral.AdvocacyCaseFixture.accepted;
import static org.heard.cases.referral.AdvocacyCaseFixture.fixture;
import static org.heard.cases.referral.AdvocacyCaseFixture.referral;

import org.heard.cases.person.Persons;
import org.heard.contracts.cases.DeclineReason;
import org.heard.contracts.cases.ReferralDeclined;
import org.junit.jupiter.api.Test;

/** Declining a referral: once, with its reason, dated neither in the future nor before the referral. */
class DeclineReferralTest {

    @Test
    void aReferralIsDeclinedWithItsReason() {
        fixture().given(referral())
                .when(new DeclineReferral(CASE, TODAY, DeclineReason.OUT_OF_AREA))
                .expectEvents(new ReferralDeclined(CASE, PERSON, TODAY, DeclineReason.OUT_OF_AREA));
    }

    @Test
    void anAcceptedReferralIsNotDeclined() {
        fixture().given(referral(), accepted())
                .when(new DeclineReferral(CASE, TODAY, DeclineReason.OTHER))
                .expectException(ruleViolated("referral-decided"))
                .expectNoEvents();
    }

    @Test
    void aDeclineIsDatedNeitherInTheFutureNorBeforeTheReferral() {
        fixture().given(referral())
                .when(new DeclineReferral(CASE, TODAY.plusDays(1), DeclineReason.OTHER))
                .expectException(ruleViolated("date-in-future"));
        fixture().given(referral())
                .when(new DeclineReferral(CASE, REFERRED.minusDays(1), DeclineReason.OTHER))
                .expectException(ruleViolated("date-before-referral"));
    }

    @Test
    void theReferralOfAnErasedPersonIsNotDeclined() {
        fixture(() -> Persons.Standing.ERASED).given(referral())
                .when(new DeclineReferral(CASE, TODAY, DeclineReason.OTHER))
                .expectException(ruleViolated("person-erased"));
    }
}
