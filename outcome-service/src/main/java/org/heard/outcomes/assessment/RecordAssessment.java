package org.heard.outcomes.assessment;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.List;
import java.util.Map;

import org.heard.contracts.outcomes.CompletedBy;
import org.heard.contracts.outcomes.ItemResponse;
import org.heard.contracts.outcomes.Timepoint;

/** Record a completed assessment for a person at a timepoint, with its raw responses and the scores computed from them. */
public record RecordAssessment(
        @TargetAggregateIdentifier String assessmentId,
        String personId,
        String caseId,
        String frameworkId,
        int frameworkVersion,
        Timepoint timepoint,
        BigDecimal score,
        LocalDate completedOn,
        CompletedBy completedBy,
        List<ItemResponse> responses,
        Map<String, BigDecimal> subscaleScores) {
}
