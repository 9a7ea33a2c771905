package org.heard.outcomes.outcome;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.heard.contracts.SealedValue;
import org.heard.contracts.outcomes.Extent;
import org.heard.contracts.outcomes.OutcomeDomain;
import org.heard.contracts.outcomes.Perspective;

/** Commands of an outcome record: record, revise (the whole record), retract. */
public final class OutcomeCommands {

    private OutcomeCommands() {
    }

    /** What an outcome says, apart from its identity. */
    public record Content(OutcomeDomain domain, String subType, SealedValue description, Perspective perspective,
                          Extent extentOfChange, Extent advocacyContribution, List<String> issueIds) {
    }

    public record RecordOutcome(@TargetAggregateIdentifier String outcomeId, String personId, String caseId,
                                Content content, LocalDate recordedOn) {
    }

    public record ReviseOutcome(@TargetAggregateIdentifier String outcomeId, Content content, LocalDate revisedOn) {
    }

    public record RetractOutcome(@TargetAggregateIdentifier String outcomeId, LocalDate retractedOn) {
    }
}
