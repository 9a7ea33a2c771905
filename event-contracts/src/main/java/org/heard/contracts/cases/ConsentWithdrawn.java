package org.heard.contracts.cases;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/**
 * The person withdrew consent for a scope. Withdrawing {@code EVALUATION} takes their data out of analyst outputs from
 * this date on.
 */
public record ConsentWithdrawn(String personId, ConsentScope scope, LocalDate withdrawnOn) implements HeardEvent {
}
