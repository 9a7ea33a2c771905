package org.heard.cases.referral;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reopen a closed case. */
public record ReopenCase(@TargetAggregateIdentifier String caseId, LocalDate reopenedOn) {
}
