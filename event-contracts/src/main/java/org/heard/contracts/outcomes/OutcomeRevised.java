package org.heard.contracts.outcomes;

import java.time.LocalDate;
import java.util.List;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.SealedValue;

/** An outcome was revised: the full revised record. */
public record OutcomeRevised(String outcomeId, String personId, String caseId, OutcomeDomain domain, String subType, SealedValue description, Perspective perspective, Extent extentOfChange, Extent advocacyContribution, List<String> issueIds, LocalDate revisedOn) implements HeardEvent {

}
