package org.heard.cases.referral.receive;

import static org.heard.cases.Refusals.ruleViolated;
import static org.heard.cases.Refusals.unknownReference;
import static org.heard.cases.referral.AdvocacyCaseFixture.CASE;
import static org.heard.cases.referral.AdvocacyCaseFixture.PERSON;
import static org.heard.cases.referral.AdvocacyCaseFixture.REFERRED;
import static org.heard.cases.referral.AdvocacyCaseFixture.TODAY;
import static org.heard.cases.referral.AdvocacyCaseFixture.fixture;

import org.heard.cases.person.Persons;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.cases.Setting;
import org.junit.jupiter.api.Test;

/** Receiving a referral: it opens a case for a person registered first and not erased, dated not in the future. */
class ReceiveReferralTest {

    @Test
    void aReferralOpensACaseAtTheProviderThatReceivedIt() {
        fixture().givenNoPriorActivity()
                .when(new ReceiveReferral(CASE, PERSON, AdvocacyType.COMMUNITY, ReferralSource.PROFESSIONAL,
                        REFERRED, null, Setting.INPATIENT_WARD, true, null, "provider-a"))
                .expectEvents(new ReferralReceived(CASE, PERSON, AdvocacyType.COMMUNITY,
                        ReferralSource.PROFESSIONAL, REFERRED, null, Setting.INPATIENT_WARD, true, null,
                        "provider-a"));
    }

    @Test
    void aReferralForAPersonNeverRegisteredIsRefusedNamingTheField() {
        fixture(() -> Persons.Standing.UNKNOWN).givenNoPriorActivity()
                .when(new ReceiveReferral(CASE, PERSON, AdvocacyType.COMMUNITY, ReferralSource.PROFESSIONAL,
                        REFERRED, null, null, null, null, "provider-a"))
                .expectException(unknownReference("personId", PERSON))
                .expectNoEvents();
    }

    @Test
    void aReferralForAnErasedPersonIsRefused() {
        fixture(() -> Persons.Standing.ERASED).givenNoPriorActivity()
                .when(new ReceiveReferral(CASE, PERSON, AdvocacyType.COMMUNITY, ReferralSource.PROFESSIONAL,
                        REFERRED, null, null, null, null, "provider-a"))
                .expectException(ruleViolated("person-erased"))
                .expectNoEvents();
    }

    @Test
    void aReferralCannotBeDatedInTheFuture() {
        fixture().givenNoPriorActivity()
                .when(new ReceiveReferral(CASE, PERSON, AdvocacyType.CAMHS, ReferralSource.SELF, TODAY.plusDays(1),
                        null, null, null, null, "provider-a"))
                .expectException(ruleViolated("date-in-future"))
                .expectExceptionMessage("referredOn cannot lie in the future");
    }
}
