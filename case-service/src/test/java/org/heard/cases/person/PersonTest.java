package org.heard.cases.person;

import static org.heard.cases.Refusals.ruleViolated;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.heard.contracts.SealedValue;
import org.heard.contracts.cases.ConsentGiven;
import org.heard.contracts.cases.ConsentScope;
import org.heard.contracts.cases.ConsentWithdrawn;
import org.heard.contracts.persons.EqualityDetails;
import org.heard.contracts.persons.ErasureReason;
import org.heard.contracts.persons.Gender;
import org.heard.contracts.persons.PersonErased;
import org.heard.contracts.persons.PersonRegistered;
import org.heard.kit.web.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consent, corrections and erasure rules of a person. */
class PersonTest {

    private static final String PERSON = "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e";
    private static final LocalDate TODAY = LocalDate.parse("2026-06-15");
    private static final EqualityDetails DETAILS = new EqualityDetails("M", "35-44", Gender.MAN, "en", false, List.of());

    private FixtureConfiguration<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource(
                Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneId.of("Europe/London")));
    }

    private static PersonRegistered registered() {
        return new PersonRegistered(PERSON, new SealedValue("k", "bmFtZQ=="), null, null, null, DETAILS);
    }

    @Test
    void consentIsGivenOncePerScopeAndWithdrawnOnlyWhenGiven() {
        fixture.given(registered())
                .when(new GiveConsent(PERSON, ConsentScope.EVALUATION, TODAY))
                .expectEvents(new ConsentGiven(PERSON, ConsentScope.EVALUATION, TODAY));
        fixture.given(registered(), new ConsentGiven(PERSON, ConsentScope.EVALUATION, TODAY))
                .when(new GiveConsent(PERSON, ConsentScope.EVALUATION, TODAY))
                .expectNoEvents();
        fixture.given(registered(), new ConsentGiven(PERSON, ConsentScope.EVALUATION, TODAY))
                .when(new WithdrawConsent(PERSON, ConsentScope.EVALUATION, TODAY))
                .expectEvents(new ConsentWithdrawn(PERSON, ConsentScope.EVALUATION, TODAY));
        fixture.given(registered())
                .when(new WithdrawConsent(PERSON, ConsentScope.SHARING_WITH_TRUST, TODAY))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("there is no SHARING_WITH_TRUST consent to withdraw");
    }

    @Test
    void consentCannotBeDatedInTheFuture() {
        fixture.given(registered())
                .when(new GiveConsent(PERSON, ConsentScope.CASEWORK, TODAY.plusDays(1)))
                .expectException(RuleViolation.class);
    }

    @Test
    void aCorrectionMustNameTheEventItCorrects() {
        fixture.given(registered())
                .when(new CorrectEqualityDetails(PERSON, "not-an-event-of-this-person", DETAILS))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("a correction must name this person's registration or an earlier correction");
    }

    @Test
    void nothingIsRecordedForAnErasedPerson() {
        fixture.given(registered(), new PersonErased(PERSON, ErasureReason.PERSON_REQUEST, TODAY))
                .when(new GiveConsent(PERSON, ConsentScope.EVALUATION, TODAY))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("the person has been erased; nothing new is recorded about them");
    }

    @Test
    void noConsentIsWithdrawnForAnErasedPerson() {
        fixture.given(registered(), new ConsentGiven(PERSON, ConsentScope.EVALUATION, TODAY),
                        new PersonErased(PERSON, ErasureReason.PERSON_REQUEST, TODAY))
                .when(new WithdrawConsent(PERSON, ConsentScope.EVALUATION, TODAY))
                .expectException(ruleViolated("person-erased"));
    }

    @Test
    void noEqualityDetailsAreCorrectedForAnErasedPerson() {
        fixture.given(registered(), new PersonErased(PERSON, ErasureReason.PERSON_REQUEST, TODAY))
                .when(new CorrectEqualityDetails(PERSON, "any-event", DETAILS))
                .expectException(ruleViolated("person-erased"));
    }
}
