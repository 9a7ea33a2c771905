package org.heard.outcomes.impact;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.heard.contracts.outcomes.SystemicChangeAchieved;
import org.heard.contracts.outcomes.SystemicIssueLinkedToCase;
import org.heard.contracts.outcomes.SystemicIssueLogged;
import org.heard.kit.domain.Dates;
import org.heard.kit.web.RuleViolation;
import org.heard.outcomes.impact.ImpactCommands.LinkCase;
import org.heard.outcomes.impact.ImpactCommands.LogSystemicIssue;
import org.heard.outcomes.impact.ImpactCommands.RecordChange;

/**
 * A systemic issue — how individual advocacy is tied to change in service regimes: many cases link to it (each once,
 * and only cases outcome-service knows), and the changes achieved on it are recorded with their dates.
 */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLockFactory")
public class SystemicIssue {

    @AggregateIdentifier
    private String systemicIssueId;
    private LocalDate loggedOn;
    private final Set<String> cases = new HashSet<>();

    protected SystemicIssue() {
        // for Axon
    }

    @CommandHandler
    public SystemicIssue(LogSystemicIssue command, Clock clock) {
        Dates.notInFuture("loggedOn", command.loggedOn(), clock);
        apply(new SystemicIssueLogged(command.systemicIssueId(), command.level(), command.theme(),
                command.description(), command.loggedOn()));
    }

    @CommandHandler
    public void handle(LinkCase command, Clock clock) {
        if (!command.caseKnown()) {
            throw new RuleViolation("unknown-case", "caseId names no case outcome-service knows and can check");
        }
        dated("linkedOn", command.linkedOn(), clock);
        if (cases.contains(command.caseId())) {
            return;
        }
        apply(new SystemicIssueLinkedToCase(systemicIssueId, command.caseId(), command.linkedOn()));
    }

    @CommandHandler
    public void handle(RecordChange command, Clock clock) {
        dated("achievedOn", command.achievedOn(), clock);
        apply(new SystemicChangeAchieved(systemicIssueId, command.changeId(), command.description(),
                command.achievedOn()));
    }

    private void dated(String field, LocalDate date, Clock clock) {
        Dates.notInFuture(field, date, clock);
        if (date.isBefore(loggedOn)) {
            throw new RuleViolation("date-before-issue", field + " cannot lie before the issue was logged");
        }
    }


    @EventSourcingHandler
    void on(SystemicIssueLogged event) {
        this.systemicIssueId = event.systemicIssueId();
        this.loggedOn = event.loggedOn();
    }

    @EventSourcingHandler
    void on(SystemicIssueLinkedToCase event) {
        cases.add(event.caseId());
    }
}
