package org.heard.outcomes.outcome;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;
import org.heard.contracts.outcomes.OutcomeRecorded;
import org.heard.contracts.outcomes.OutcomeRetracted;
import org.heard.contracts.outcomes.OutcomeRevised;
import org.heard.contracts.outcomes.Perspective;
import org.heard.kit.domain.Dates;
import org.heard.kit.web.RuleViolation;
import org.heard.outcomes.directory.Erasures;
import org.heard.outcomes.outcome.OutcomeCommands.Content;
import org.heard.outcomes.outcome.OutcomeCommands.RecordOutcome;
import org.heard.outcomes.outcome.OutcomeCommands.RetractOutcome;
import org.heard.outcomes.outcome.OutcomeCommands.ReviseOutcome;

/**
 * One outcome, from one perspective. Perspectives are kept apart: a revision cannot move an outcome to another
 * perspective (the other view is another outcome). A retracted outcome is no longer revised.
 */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLockFactory")
public class OutcomeRecord {

    @AggregateIdentifier
    private String outcomeId;
    private String personId;
    private String caseId;
    private Perspective perspective;
    private LocalDate recordedOn;
    private boolean retracted;

    protected OutcomeRecord() {
        // for Axon
    }

    @CommandHandler
    public OutcomeRecord(RecordOutcome command, Clock clock) {
        Dates.notInFuture("recordedOn", command.recordedOn(), clock);
        Content c = command.content();
        apply(new OutcomeRecorded(command.outcomeId(), command.personId(), command.caseId(), c.domain(), c.subType(),
                c.description(), c.perspective(), c.extentOfChange(), c.advocacyContribution(), c.issueIds(),
                command.recordedOn()));
    }

    /** Nothing new is recorded about a person once erased, whatever the command. */
    @CommandHandlerInterceptor
    void nothingNewAboutAnErasedPerson(Object command, Erasures erasures) {
        erasures.requireNotErased(personId);
    }

    @CommandHandler
    public void handle(ReviseOutcome command, Clock clock) {
        requireNotRetracted();
        Content c = command.content();
        if (c.perspective() != perspective) {
            throw new RuleViolation("perspective-fixed", "an outcome keeps its perspective (" + perspective
                    + "); record the other view as another outcome");
        }
        Dates.notInFuture("revisedOn", command.revisedOn(), clock);
        if (command.revisedOn().isBefore(recordedOn)) {
            throw new RuleViolation("date-order", "revisedOn cannot lie before the outcome was recorded");
        }
        apply(new OutcomeRevised(outcomeId, personId, caseId, c.domain(), c.subType(), c.description(), c.perspective(),
                c.extentOfChange(), c.advocacyContribution(), c.issueIds(), command.revisedOn()));
    }

    @CommandHandler
    public void handle(RetractOutcome command, Clock clock) {
        requireNotRetracted();
        Dates.notInFuture("retractedOn", command.retractedOn(), clock);
        apply(new OutcomeRetracted(outcomeId, personId, caseId, command.retractedOn()));
    }

    private void requireNotRetracted() {
        if (retracted) {
            throw new RuleViolation("outcome-retracted", "the outcome has been retracted");
        }
    }


    @EventSourcingHandler
    void on(OutcomeRecorded event) {
        this.outcomeId = event.outcomeId();
        this.personId = event.personId();
        this.caseId = event.caseId();
        this.perspective = event.perspective();
        this.recordedOn = event.recordedOn();
    }

    @EventSourcingHandler
    void on(OutcomeRetracted event) {
        this.retracted = true;
    }
}
