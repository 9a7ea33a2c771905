package org.heard.outcomes.goal;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;
import org.heard.contracts.outcomes.GoalAchieved;
import org.heard.contracts.outcomes.GoalDropped;
import org.heard.contracts.outcomes.GoalRated;
import org.heard.contracts.outcomes.GoalScale;
import org.heard.contracts.outcomes.GoalSet;
import org.heard.kit.domain.Dates;
import org.heard.kit.web.RuleViolation;
import org.heard.outcomes.directory.Erasures;
import org.heard.outcomes.goal.GoalCommands.AchieveGoal;
import org.heard.outcomes.goal.GoalCommands.DropGoal;
import org.heard.outcomes.goal.GoalCommands.RateGoal;
import org.heard.outcomes.goal.GoalCommands.SetGoal;

/**
 * A goal the person set in their own words. Ratings stay on the goal's scale (Goal Attainment Scaling −2…+2, Goal
 * Based Outcomes 0…10) and are taken only while the goal is active; it ends once, achieved or dropped.
 */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLockFactory")
public class PersonalGoal {

    @AggregateIdentifier
    private String goalId;
    private String personId;
    private GoalScale scale;
    private LocalDate setOn;
    private boolean ended;

    protected PersonalGoal() {
        // for Axon
    }

    @CommandHandler
    public PersonalGoal(SetGoal command, Clock clock) {
        Dates.notInFuture("setOn", command.setOn(), clock);
        apply(new GoalSet(command.goalId(), command.personId(), command.caseId(), command.domain(),
                command.description(), command.scale(), command.setOn()));
    }

    /** Nothing new is recorded about a person once erased, whatever the command. */
    @CommandHandlerInterceptor
    void nothingNewAboutAnErasedPerson(Object command, Erasures erasures) {
        erasures.requireNotErased(personId);
    }

    @CommandHandler
    public void handle(RateGoal command, Clock clock) {
        active();
        int min = scale == GoalScale.GOAL_ATTAINMENT_SCALING ? -2 : 0;
        int max = scale == GoalScale.GOAL_ATTAINMENT_SCALING ? 2 : 10;
        if (command.rating() < min || command.rating() > max) {
            throw new RuleViolation("rating-out-of-range", "a " + scale + " rating lies between " + min + " and " + max);
        }
        dated("ratedOn", command.ratedOn(), clock);
        apply(new GoalRated(goalId, personId, command.rating(), command.ratedBy(), command.ratedOn()));
    }

    @CommandHandler
    public void handle(AchieveGoal command, Clock clock) {
        active();
        dated("achievedOn", command.achievedOn(), clock);
        apply(new GoalAchieved(goalId, personId, command.achievedOn()));
    }

    @CommandHandler
    public void handle(DropGoal command, Clock clock) {
        active();
        dated("droppedOn", command.droppedOn(), clock);
        apply(new GoalDropped(goalId, personId, command.droppedOn()));
    }

    private void active() {
        if (ended) {
            throw new RuleViolation("goal-ended", "the goal has already ended");
        }
    }

    private void dated(String field, LocalDate date, Clock clock) {
        Dates.notInFuture(field, date, clock);
        if (date.isBefore(setOn)) {
            throw new RuleViolation("date-before-goal", field + " cannot lie before the goal was set");
        }
    }


    @EventSourcingHandler
    void on(GoalSet event) {
        this.goalId = event.goalId();
        this.personId = event.personId();
        this.scale = event.scale();
        this.setOn = event.setOn();
    }

    @EventSourcingHandler
    void on(GoalAchieved event) {
        this.ended = true;
    }

    @EventSourcingHandler
    void on(GoalDropped event) {
        this.ended = true;
    }
}
