package org.heard.cases.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.kit.web.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of an advocacy case's lifecycle, as given/when/then specifications. */
class AdvocacyCaseTest {

    private static final String CASE = "6f1d7c2e-4b4a-4e57-9a53-2a8f0c1d9b10";
    private static final String PERSON = "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e";
    private static final LocalDate TODAY = LocalDate.parse("2026-06-15");

    private FixtureConfiguration<AdvocacyCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AdvocacyCase.class);
        fixture.registerInjectableResource(
                Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneId.of("Europe/London")));
    }

    private ReferralReceived referral() {
        return new ReferralReceived(CASE, PERSON, AdvocacyType.IMHA, ReferralSource.PROFESSIONAL,
                TODAY.minusDays(30), null);
    }

    @Test
    void aReferralOpensACase() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveReferral(CASE, PERSON, AdvocacyType.IMHA, ReferralSource.PROFESSIONAL,
                        TODAY.minusDays(30), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(referral());
    }

    @Test
    void aReferralCannotBeDatedInTheFuture() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveReferral(CASE, PERSON, AdvocacyType.CAMHS, ReferralSource.SELF, TODAY.plusDays(1), null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("referredOn cannot lie in the future")
                .expectNoEvents();
    }

    @Test
    void anOpenCaseCanBeClosed() {
        fixture.given(referral())
                .when(new CloseCase(CASE, ClosureReason.GOALS_MET, TODAY))
                .expectEvents(new CaseClosed(CASE, PERSON, ClosureReason.GOALS_MET, TODAY));
    }

    @Test
    void aClosedCaseCannotBeClosedAgain() {
        fixture.given(referral(), new CaseClosed(CASE, PERSON, ClosureReason.GOALS_MET, TODAY.minusDays(1)))
                .when(new CloseCase(CASE, ClosureReason.OTHER, TODAY))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("case " + CASE + " is already closed")
                .expectNoEvents();
    }

    @Test
    void aCaseCannotBeClosedBeforeItsReferral() {
        fixture.given(referral())
                .when(new CloseCase(CASE, ClosureReason.NO_CONTACT, TODAY.minusDays(31)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("closedOn cannot lie before the referral date")
                .expectNoEvents();
    }

    @Test
    void anAdvocateIsAssignedToAnOpenCase() {
        fixture.given(referral())
                .when(new AssignAdvocate(CASE, "advocate-1"))
                .expectEvents(new AdvocateAssigned(CASE, PERSON, "advocate-1"));
    }

    @Test
    void assigningTheSameAdvocateAgainRecordsNothing() {
        fixture.given(referral(), new AdvocateAssigned(CASE, PERSON, "advocate-1"))
                .when(new AssignAdvocate(CASE, "advocate-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void noAdvocateIsAssignedToAClosedCase() {
        fixture.given(referral(), new CaseClosed(CASE, PERSON, ClosureReason.GOALS_MET, TODAY))
                .when(new AssignAdvocate(CASE, "advocate-2"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aCaseCannotBeClosedInTheFuture() {
        fixture.given(referral())
                .when(new CloseCase(CASE, ClosureReason.DISCHARGED, TODAY.plusDays(1)))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }
}
