package org.heard.contracts.cases;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/** The person gave consent for a scope. */
public record ConsentGiven(String personId, ConsentScope scope, LocalDate givenOn) implements HeardEvent {
}
