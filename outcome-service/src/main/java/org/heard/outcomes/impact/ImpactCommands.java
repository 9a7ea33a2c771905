package org.heard.outcomes.impact;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.heard.contracts.outcomes.ImpactLevel;

/** Commands of a systemic issue. */
public final class ImpactCommands {

    private ImpactCommands() {
    }

    public record LogSystemicIssue(@TargetAggregateIdentifier String systemicIssueId, ImpactLevel level, String theme,
                                   String description, LocalDate loggedOn) {
    }

    /** caseKnown: whether outcome-service knows the case (checked outside the aggregate, against its records). */
    public record LinkCase(@TargetAggregateIdentifier String systemicIssueId, String caseId, boolean caseKnown,
                           LocalDate linkedOn) {
    }

    public record RecordChange(@TargetAggregateIdentifier String systemicIssueId, String changeId, String description,
                               LocalDate achievedOn) {
    }
}
