package org.heard.contracts.cases;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/** A closed case was reopened. */
public record CaseReopened(String caseId, String personId, LocalDate reopenedOn) implements HeardEvent {
}
