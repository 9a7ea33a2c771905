package org.heard.contracts.outcomes;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.SealedValue;

/** A personal goal, set by the person in their own words (sealed), in a domain, on a rating scale. */
public record GoalSet(String goalId, String personId, String caseId, OutcomeDomain domain, SealedValue description, GoalScale scale, LocalDate setOn) implements HeardEvent {

}
