package org.heard.cases.referral.decline;

import java.time.LocalDate;

import org.heard.contracts.cases.DeclineReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Decline a referral, with the reason. */
public record DeclineReferral(@TargetAggregateIdentifier String caseId, LocalDate declinedOn, DeclineReason reason) {
}
