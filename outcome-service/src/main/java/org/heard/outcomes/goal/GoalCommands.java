package org.heard.outcomes.goal;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.heard.contracts.SealedValue;
import org.heard.contracts.outcomes.GoalScale;
import org.heard.contracts.outcomes.OutcomeDomain;
import org.heard.contracts.outcomes.Perspective;

/** Commands of a personal goal. */
public final class GoalCommands {

    private GoalCommands() {
    }

    public record SetGoal(@TargetAggregateIdentifier String goalId, String personId, String caseId,
                          OutcomeDomain domain, SealedValue description, GoalScale scale, LocalDate setOn) {
    }

    public record RateGoal(@TargetAggregateIdentifier String goalId, int rating, Perspective ratedBy,
                           LocalDate ratedOn) {
    }

    public record AchieveGoal(@TargetAggregateIdentifier String goalId, LocalDate achievedOn) {
    }

    public record DropGoal(@TargetAggregateIdentifier String goalId, LocalDate droppedOn) {
    }
}
