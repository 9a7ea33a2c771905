package org.heard.cases.closure.reopen;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reopen a closed case. */
public record ReopenCase(@TargetAggregateIdentifier String caseId, LocalDate reopenedOn) {
}
