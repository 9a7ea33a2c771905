package org.heard.cases.person;

import java.time.LocalDate;

import org.heard.contracts.cases.ConsentScope;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the person gave consent for a scope. */
public record GiveConsent(@TargetAggregateIdentifier String personId, ConsentScope scope, LocalDate givenOn) {
}
