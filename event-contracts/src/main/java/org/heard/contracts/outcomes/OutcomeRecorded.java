package org.heard.contracts.outcomes;

import java.time.LocalDate;
import java.util.List;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.SealedValue;

/** An outcome for a person and case, from one perspective, in one of the four domains; the description is in the person's words, sealed. */
public record OutcomeRecorded(String outcomeId, String personId, String caseId, OutcomeDomain domain, String subType, SealedValue description, Perspective perspective, Extent extentOfChange, Extent advocacyContribution, List<String> issueIds, LocalDate recordedOn) implements HeardEvent {

}
