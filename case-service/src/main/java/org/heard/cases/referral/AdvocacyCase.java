package org.heard.cases.referral;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.kit.web.RuleViolation;

/** An advocacy case: opened by a referral, closed when advocacy ends. The rules of its lifecycle live here. */
@Aggregate
public class AdvocacyCase {

    @AggregateIdentifier
    private String caseId;
    private String personId;
    private LocalDate referredOn;
    private String advocateId;
    private boolean closed;

    protected AdvocacyCase() {
        // for Axon
    }

    @CommandHandler
    public AdvocacyCase(ReceiveReferral command, Clock clock) {
        if (command.referredOn().isAfter(LocalDate.now(clock))) {
            throw new RuleViolation("date-in-future", "referredOn cannot lie in the future");
        }
        apply(new ReferralReceived(command.caseId(), command.personId(), command.advocacyType(),
                command.referralSource(), command.referredOn(), command.reason()));
    }

    @CommandHandler
    public void handle(AssignAdvocate command) {
        if (closed) {
            throw new RuleViolation("case-closed", "case " + caseId + " is closed");
        }
        if (command.advocateId().equals(advocateId)) {
            return;
        }
        apply(new AdvocateAssigned(caseId, personId, command.advocateId()));
    }

    @CommandHandler
    public void handle(CloseCase command, Clock clock) {
        if (closed) {
            throw new RuleViolation("case-already-closed", "case " + caseId + " is already closed");
        }
        if (command.closedOn().isAfter(LocalDate.now(clock))) {
            throw new RuleViolation("date-in-future", "closedOn cannot lie in the future");
        }
        if (command.closedOn().isBefore(referredOn)) {
            throw new RuleViolation("date-before-referral", "closedOn cannot lie before the referral date");
        }
        apply(new CaseClosed(caseId, personId, command.reason(), command.closedOn()));
    }

    @EventSourcingHandler
    void on(ReferralReceived event) {
        this.caseId = event.caseId();
        this.personId = event.personId();
        this.referredOn = event.referredOn();
    }

    @EventSourcingHandler
    void on(AdvocateAssigned event) {
        this.advocateId = event.advocateId();
    }

    @EventSourcingHandler
    void on(CaseClosed event) {
        this.closed = true;
    }
}
