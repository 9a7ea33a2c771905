package org.heard.contracts.outcomes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.heard.contracts.HeardEvent;

/**
 * A person completed an evaluation framework at a timepoint, giving a score.
 *
 * @param assessmentId     the assessment's id
 * @param personId         the person's pseudonymous id
 * @param caseId           the advocacy case the assessment belongs to
 * @param frameworkId      the evaluation framework used
 * @param frameworkVersion the exact published version of that framework
 * @param timepoint        baseline, review, closure or follow-up
 * @param score            the total score computed by the version's scoring rule
 * @param completedOn      the date it was completed
 * @param completedBy      self, self with support, or advocate as proxy (null on events recorded before it was asked)
 * @param responses        every item's raw response, so scores can be recomputed (empty on early events)
 * @param subscaleScores   the mean of each subscale's items (reverse-scored items turned round), by subscale name
 */
public record AssessmentCompleted(
        String assessmentId,
        String personId,
        String caseId,
        String frameworkId,
        int frameworkVersion,
        Timepoint timepoint,
        BigDecimal score,
        LocalDate completedOn,
        CompletedBy completedBy,
        List<ItemResponse> responses,
        Map<String, BigDecimal> subscaleScores) implements HeardEvent {

    public AssessmentCompleted {
        responses = responses == null ? List.of() : List.copyOf(responses);
        subscaleScores = subscaleScores == null ? Map.of() : Map.copyOf(subscaleScores);
    }
}
