package org.heard.cases.legalstatus.record;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the person's legal status under the Mental Health Act (a change is another such command). */
public record RecordLegalStatus(@TargetAggregateIdentifier String caseId, String legalStatusCode, LocalDate startedOn, LocalDate endedOn) {
}
