package org.heard.outcomes.assessment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.kit.domain.Dates;

/** One completed assessment of a person with an evaluation framework version. */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLockFactory")
public class Assessment {

    @AggregateIdentifier
    private String assessmentId;

    protected Assessment() {
        // for Axon
    }

    @CommandHandler
    public Assessment(RecordAssessment command, Clock clock) {
        Dates.notInFuture("completedOn", command.completedOn(), clock);
        apply(new AssessmentCompleted(command.assessmentId(), command.personId(), command.caseId(),
                command.frameworkId(), command.frameworkVersion(), command.timepoint(), command.score(),
                command.completedOn(), command.completedBy(), command.responses(), command.subscaleScores()));
    }

    @EventSourcingHandler
    void on(AssessmentCompleted event) {
        this.assessmentId = event.assessmentId();
    }
}
