package org.heard.contracts.outcomes;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/** An outcome was retracted: it no longer counts. */
public record OutcomeRetracted(String outcomeId, String personId, String caseId, LocalDate retractedOn) implements HeardEvent {

}
