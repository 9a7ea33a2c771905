package org.heard.contracts.outcomes;

import java.math.BigDecimal;
import java.time.LocalDate;

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
 */
public record AssessmentCompleted(
        String assessmentId,
        String personId,
        String caseId,
        String frameworkId,
        int frameworkVersion,
        Timepoint timepoint,
        BigDecimal score,
        LocalDate completedOn) implements HeardEvent {
}
