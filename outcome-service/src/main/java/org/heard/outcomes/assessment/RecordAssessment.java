package org.heard.outcomes.assessment;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.heard.contracts.outcomes.Timepoint;

/** Record a completed assessment for a person at a timepoint. */
public record RecordAssessment(
        @TargetAggregateIdentifier String assessmentId,
        String personId,
        String caseId,
        String frameworkId,
        int frameworkVersion,
        Timepoint timepoint,
        BigDecimal score,
        LocalDate completedOn) {
}
