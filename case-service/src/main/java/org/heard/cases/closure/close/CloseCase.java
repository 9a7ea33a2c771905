package org.heard.cases.closure.close;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.heard.contracts.cases.ClosureReason;

/** Close an advocacy case. */
public record CloseCase(@TargetAggregateIdentifier String caseId, ClosureReason reason, LocalDate closedOn) {
}
