package org.heard.cases.referral.accept;

import static org.heard.cases.Refusals.ruleViolated;
import static org.heard.cases.referral.AdvocacyCaseFixture.CASE;
import static org.heard.cases.referral.AdvocacyCaseFixture.PERSON;
import static org.heard.cases.referral.AdvocacyCaseFixture.REFERRED;
import static org.heard.cases.referral.AdvocacyCaseFixture.TODAY;
import static org.heard.cases.referral.AdvocacyCaseFixture.fixture;
import static org.heard.cases.referral.AdvocacyCaseFixture.referral;

import org.heard.cases.person.Persons;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.DeclineReason;
import org.heard.contracts.cases.LegalStatusRecorded;
import org.heard.contracts.cases.ReferralAccepted;
import org.heard.contracts.cases.ReferralDeclined;
import org.junit.jupiter.api.Test;

/**
 * Accepting a referral: once, dated neither in the future nor before the referral; an IMHA referral without a
 * qualifying legal status is accepted with its eligibility to confirm.
 */
class AcceptReferralTest {

    @Test
    void anImhaReferralWithoutAQualifyingLegalStatusIsAcceptedOnlyAsEligibilityToConfirm() {
        fixture().given(referral(AdvocacyType.IMHA))
                .when(new AcceptReferral(CASE, REFERRED.plusDays(1)))
                .expectEvents(new ReferralAccepted(CASE, PERSON, REFERRED.plusDays(1), true));
    }

    @Test
    void anImhaReferralOfAQualifyingPatientIsAcceptedOutright() {
        fixture().given(referral(AdvocacyType.IMHA),
                        new LegalStatusRecorded(CASE, PERSON, "03", REFERRED.minusDays(5), null, true))
                .when(new AcceptReferral(CASE, REFERRED.plusDays(1)))
                .expectEvents(new ReferralAccepted(CASE, PERSON, REFERRED.plusDays(1), false));
    }

    @Test
    void aDeclinedReferralIsNotAccepted() {
        fixture().given(referral(), new ReferralDeclined(CASE, PERSON, TODAY, DeclineReason.OUT_OF_AREA))
                .when(new AcceptReferral(CASE, TODAY))
                .expectException(ruleViolated("referral-decided"))
                .expectNoEvents();
    }

    @Test
    void anAcceptanceCannotPrecedeTheReferral() {
        fixture().given(referral())
                .when(new AcceptReferral(CASE, REFERRED.minusDays(1)))
                .expectException(ruleViolated("date-before-referral"))
                .expectExceptionMessage("acceptedOn cannot lie before the referral date");
    }

    @Test
    void theReferralOfAnErasedPersonIsNotAccepted() {
        fixture(() -> Persons.Standing.ERASED).given(referral())
                .when(new AcceptReferral(CASE, REFERRED.plusDays(1)))
                .expectException(ruleViolated("person-erased"));
    }
}
