package org.heard.cases.referral.accept;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Accept a referral: advocacy can start. */
public record AcceptReferral(@TargetAggregateIdentifier String caseId, LocalDate acceptedOn) {
}
