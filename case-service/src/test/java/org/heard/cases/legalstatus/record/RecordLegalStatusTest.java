package org.heard.cases.legalstatus.record;

import static org.heard.cases.Refusals.ruleViolated;
import static org.heard.cases.referral.AdvocacyCaseFixture.CASE;
import static org.heard.cases.referral.AdvocacyCaseFixture.PERSON;
import static org.heard.cases.referral.AdvocacyCaseFixture.REFERRED;
import static org.heard.cases.referral.AdvocacyCaseFixture.accepted;
import static org.heard.cases.referral.AdvocacyCaseFixture.closed;
import static org.heard.cases.referral.AdvocacyCaseFixture.fixture;
import static org.heard.cases.referral.AdvocacyCaseFixture.referral;

import org.heard.cases.person.Persons;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.LegalStatusRecorded;
import org.junit.jupiter.api.Test;

/**
 * Recording a legal status: a code Heard knows, which says whether the person is a qualifying patient; ended no
 * earlier than it started; not on a closed case.
 */
class RecordLegalStatusTest {

    @Test
    void aDetentionMakesAQualifyingPatient() {
        fixture().given(referral(AdvocacyType.IMHA))
                .when(new RecordLegalStatus(CASE, "03", REFERRED, null))
                .expectEvents(new LegalStatusRecorded(CASE, PERSON, "03", REFERRED, null, true));
    }

    @Test
    void anInformalPatientIsNotAQualifyingPatient() {
        fixture().given(referral(AdvocacyType.IMHA))
                .when(new RecordLegalStatus(CASE, "01", REFERRED, null))
                .expectEvents(new LegalStatusRecorded(CASE, PERSON, "01", REFERRED, null, false));
    }

    @Test
    void anUnknownLegalStatusCodeIsRefused() {
        fixture().given(referral(AdvocacyType.IMHA))
                .when(new RecordLegalStatus(CASE, "77", REFERRED, null))
                .expectException(ruleViolated("unknown-legal-status"))
                .expectNoEvents();
    }

    @Test
    void aLegalStatusCannotEndBeforeItStarts() {
        fixture().given(referral(AdvocacyType.IMHA))
                .when(new RecordLegalStatus(CASE, "02", REFERRED, REFERRED.minusDays(1)))
                .expectException(ruleViolated("date-order"))
                .expectExceptionMessage("endedOn cannot lie before startedOn");
    }

    @Test
    void noLegalStatusIsRecordedOnAClosedCase() {
        fixture().given(referral(AdvocacyType.IMHA), accepted(), closed())
                .when(new RecordLegalStatus(CASE, "03", REFERRED, null))
                .expectException(ruleViolated("case-closed"));
    }

    @Test
    void noLegalStatusIsRecordedForAnErasedPerson() {
        fixture(() -> Persons.Standing.ERASED).given(referral(AdvocacyType.IMHA), accepted())
                .when(new RecordLegalStatus(CASE, "03", REFERRED, null))
                .expectException(ruleViolated("person-erased"));
    }
}
