package org.heard.cases.person;

import java.time.LocalDate;

import org.heard.contracts.cases.ConsentScope;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the person withdrew consent for a scope. */
public record WithdrawConsent(@TargetAggregateIdentifier String personId, ConsentScope scope, LocalDate withdrawnOn) {
}
