package org.heard.cases.contact.first;

import static org.heard.cases.Refusals.ruleViolated;
import static org.heard.cases.referral.AdvocacyCaseFixture.CASE;
import static org.heard.cases.referral.AdvocacyCaseFixture.PERSON;
import static org.heard.cases.referral.AdvocacyCaseFixture.REFERRED;
import static org.heard.cases.referral.AdvocacyCaseFixture.TODAY;
import static org.heard.cases.referral.AdvocacyCaseFixture.accepted;
import static org.heard.cases.referral.AdvocacyCaseFixture.fixture;
import static org.heard.cases.referral.AdvocacyCaseFixture.referral;

import java.time.LocalDate;

import org.heard.cases.person.Persons;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.CaseReopened;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ContactMode;
import org.heard.contracts.cases.FirstContactMade;
import org.junit.jupiter.api.Test;

/** First contact: on an accepted case, once per opening, counted in days from that opening. */
class RecordFirstContactTest {

    @Test
    void firstContactIsRecordedWithTheDaysSinceTheReferral() {
        fixture().given(referral(), accepted())
                .when(new RecordFirstContact(CASE, REFERRED.plusDays(3), ContactMode.IN_PERSON))
                .expectEvents(new FirstContactMade(CASE, PERSON, REFERRED.plusDays(3), ContactMode.IN_PERSON, 3));
    }

    @Test
    void firstContactIsRecordedOncePerOpening() {
        fixture().given(referral(), accepted(),
                        new FirstContactMade(CASE, PERSON, REFERRED.plusDays(3), ContactMode.IN_PERSON, 3))
                .when(new RecordFirstContact(CASE, REFERRED.plusDays(4), ContactMode.PHONE))
                .expectException(ruleViolated("first-contact-recorded"))
                .expectNoEvents();
    }

    @Test
    void afterReopeningFirstContactCountsFromTheReopening() {
        LocalDate reopened = TODAY.minusDays(10);
        fixture().given(referral(), accepted(),
                        new FirstContactMade(CASE, PERSON, REFERRED.plusDays(3), ContactMode.IN_PERSON, 3),
                        new CaseClosed(CASE, PERSON, ClosureReason.GOALS_MET, TODAY.minusDays(20)),
                        new CaseReopened(CASE, PERSON, reopened))
                .when(new RecordFirstContact(CASE, reopened.plusDays(2), ContactMode.VIDEO))
                .expectEvents(new FirstContactMade(CASE, PERSON, reopened.plusDays(2), ContactMode.VIDEO, 2));
    }

    @Test
    void firstContactNeedsAnAcceptedReferral() {
        fixture().given(referral())
                .when(new RecordFirstContact(CASE, TODAY, ContactMode.PHONE))
                .expectException(ruleViolated("not-accepted"));
    }

    @Test
    void firstContactCannotPrecedeTheOpening() {
        fixture().given(referral(), accepted())
                .when(new RecordFirstContact(CASE, REFERRED.minusDays(1), ContactMode.PHONE))
                .expectException(ruleViolated("date-before-opening"));
    }

    @Test
    void noFirstContactIsRecordedForAnErasedPerson() {
        fixture(() -> Persons.Standing.ERASED).given(referral(), accepted())
                .when(new RecordFirstContact(CASE, TODAY, ContactMode.PHONE))
                .expectException(ruleViolated("person-erased"));
    }
}
