package org.heard.outcomes.goal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.heard.contracts.SealedValue;
import org.heard.contracts.outcomes.Extent;
import org.heard.contracts.outcomes.GoalAchieved;
import org.heard.contracts.outcomes.GoalRated;
import org.heard.contracts.outcomes.GoalScale;
import org.heard.contracts.outcomes.GoalSet;
import org.heard.contracts.outcomes.ImpactLevel;
import org.heard.contracts.outcomes.OutcomeDomain;
import org.heard.contracts.outcomes.OutcomeRecorded;
import org.heard.contracts.outcomes.OutcomeRetracted;
import org.heard.contracts.outcomes.Perspective;
import org.heard.contracts.outcomes.SystemicIssueLinkedToCase;
import org.heard.contracts.outcomes.SystemicIssueLogged;
import org.heard.kit.web.RuleViolation;
import org.heard.outcomes.directory.Erasures;
import org.heard.outcomes.goal.GoalCommands.AchieveGoal;
import org.heard.outcomes.goal.GoalCommands.RateGoal;
import org.heard.outcomes.impact.ImpactCommands.LinkCase;
import org.heard.outcomes.impact.SystemicIssue;
import org.heard.outcomes.outcome.OutcomeCommands.Content;
import org.heard.outcomes.outcome.OutcomeCommands.RetractOutcome;
import org.heard.outcomes.outcome.OutcomeCommands.ReviseOutcome;
import org.heard.outcomes.outcome.OutcomeRecord;
import org.junit.jupiter.api.Test;

/** The rules of goals, outcome records and systemic issues, as given/when/then specifications. */
class OutcomeRulesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneId.of("Europe/London"));
    private static final LocalDate TODAY = LocalDate.parse("2026-06-15");
    private static final String PERSON = "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e";
    private static final String CASE = "6f1d7c2e-4b4a-4e57-9a53-2a8f0c1d9b10";
    private static final SealedValue WORDS = new SealedValue("k", "c2VhbGVk");

    private static <T> FixtureConfiguration<T> fixture(Class<T> type) {
        return fixture(type, personId -> false);
    }

    private static <T> FixtureConfiguration<T> fixture(Class<T> type, Erasures erasures) {
        FixtureConfiguration<T> fixture = new AggregateTestFixture<>(type);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource(erasures);
        return fixture;
    }

    private static final Erasures ERASED = PERSON::equals;

    @Test
    void aGoalOfAPersonErasedSinceTakesNoRating() {
        fixture(PersonalGoal.class, ERASED).given(goal(GoalScale.GOAL_ATTAINMENT_SCALING))
                .when(new RateGoal("g", 1, Perspective.SERVICE_USER, TODAY))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("the person has been erased; nothing new is recorded about them");
    }

    private static GoalSet goal(GoalScale scale) {
        return new GoalSet("g", PERSON, CASE, OutcomeDomain.PERSONAL_DEVELOPMENT, WORDS, scale, TODAY.minusDays(30));
    }

    @Test
    void goalRatingsStayOnTheGoalsScale() {
        fixture(PersonalGoal.class).given(goal(GoalScale.GOAL_ATTAINMENT_SCALING))
                .when(new RateGoal("g", 3, Perspective.SERVICE_USER, TODAY))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("a GOAL_ATTAINMENT_SCALING rating lies between -2 and 2");
        fixture(PersonalGoal.class).given(goal(GoalScale.GOAL_ATTAINMENT_SCALING))
                .when(new RateGoal("g", -2, Perspective.ADVOCATE, TODAY))
                .expectEvents(new GoalRated("g", PERSON, -2, Perspective.ADVOCATE, TODAY));
        fixture(PersonalGoal.class).given(goal(GoalScale.GOAL_BASED_OUTCOMES))
                .when(new RateGoal("g", 10, Perspective.SERVICE_USER, TODAY))
                .expectEvents(new GoalRated("g", PERSON, 10, Perspective.SERVICE_USER, TODAY));
        fixture(PersonalGoal.class).given(goal(GoalScale.GOAL_BASED_OUTCOMES))
                .when(new RateGoal("g", -1, Perspective.SERVICE_USER, TODAY))
                .expectException(RuleViolation.class);
    }

    @Test
    void anEndedGoalIsNoLongerRatedOrEnded() {
        fixture(PersonalGoal.class).given(goal(GoalScale.GOAL_BASED_OUTCOMES), new GoalAchieved("g", PERSON, TODAY))
                .when(new RateGoal("g", 5, Perspective.SERVICE_USER, TODAY))
                .expectException(RuleViolation.class);
        fixture(PersonalGoal.class).given(goal(GoalScale.GOAL_BASED_OUTCOMES), new GoalAchieved("g", PERSON, TODAY))
                .when(new AchieveGoal("g", TODAY))
                .expectException(RuleViolation.class);
    }

    private static OutcomeRecorded outcome(Perspective perspective) {
        return new OutcomeRecorded("o", PERSON, CASE, OutcomeDomain.CARE_AND_TREATMENT, "leave-granted", WORDS,
                perspective, Extent.SIGNIFICANT, Extent.SOME, List.of(), TODAY.minusDays(3));
    }

    @Test
    void anOutcomeOfAPersonErasedSinceIsNotRetracted() {
        fixture(OutcomeRecord.class, ERASED).given(outcome(Perspective.ADVOCATE))
                .when(new RetractOutcome("o", TODAY))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("the person has been erased; nothing new is recorded about them");
    }

    @Test
    void anOutcomeKeepsItsPerspective() {
        fixture(OutcomeRecord.class).given(outcome(Perspective.SERVICE_USER))
                .when(new ReviseOutcome("o", new Content(OutcomeDomain.CARE_AND_TREATMENT, "leave-granted", WORDS,
                        Perspective.ADVOCATE, Extent.SOME, Extent.SOME, List.of()), TODAY))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("an outcome keeps its perspective (SERVICE_USER); record the other view as"
                        + " another outcome");
    }

    @Test
    void aRetractedOutcomeIsNotRevisedOrRetractedAgain() {
        fixture(OutcomeRecord.class).given(outcome(Perspective.ADVOCATE), new OutcomeRetracted("o", PERSON, CASE, TODAY))
                .when(new ReviseOutcome("o", new Content(OutcomeDomain.CARE_AND_TREATMENT, "leave-granted", WORDS,
                        Perspective.ADVOCATE, Extent.SOME, Extent.SOME, List.of()), TODAY))
                .expectException(RuleViolation.class);
        fixture(OutcomeRecord.class).given(outcome(Perspective.ADVOCATE), new OutcomeRetracted("o", PERSON, CASE, TODAY))
                .when(new RetractOutcome("o", TODAY))
                .expectException(RuleViolation.class);
    }

    private static SystemicIssueLogged logged() {
        return new SystemicIssueLogged("s", ImpactLevel.WARD, "leave", null, TODAY.minusDays(10));
    }

    @Test
    void aSystemicIssueLinksOnlyKnownCasesEachOnce() {
        fixture(SystemicIssue.class).given(logged())
                .when(new LinkCase("s", CASE, false, TODAY))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("caseId names no case outcome-service knows and can check");
        fixture(SystemicIssue.class).given(logged())
                .when(new LinkCase("s", CASE, true, TODAY))
                .expectEvents(new SystemicIssueLinkedToCase("s", CASE, TODAY));
        fixture(SystemicIssue.class).given(logged(), new SystemicIssueLinkedToCase("s", CASE, TODAY))
                .when(new LinkCase("s", CASE, true, TODAY))
                .expectNoEvents();
        fixture(SystemicIssue.class).given(logged())
                .when(new LinkCase("s", CASE, true, TODAY.minusDays(11)))
                .expectException(RuleViolation.class);
    }
}
