package org.heard.outcomes.framework;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.heard.contracts.outcomes.FrameworkPurpose;
import org.heard.contracts.outcomes.ReliableChangeBasis;
import org.heard.contracts.outcomes.ReviewerRole;
import org.heard.contracts.outcomes.ScoringRule;
import org.heard.contracts.outcomes.Verdict;

/** The commands of an evaluation framework's lifecycle: draft, define items, review, publish, retire, re-version. */
public final class FrameworkCommands {

    private FrameworkCommands() {
    }

    /** Draft version 1 of a new framework. */
    public record DraftFramework(@TargetAggregateIdentifier String frameworkId, String name, FrameworkPurpose purpose,
                                 ScoringRule scoringRule) {
    }

    /** Draft the next version of a framework from its latest published or retired one (its items copied). */
    public record DraftNewVersion(@TargetAggregateIdentifier String frameworkId, int basedOnVersion) {
    }

    /** Add or change an item of a draft version. */
    public record DefineItem(@TargetAggregateIdentifier String frameworkId, int version, String itemId, String wording,
                             int scaleMin, int scaleMax, List<String> scaleLabels, String subscale,
                             boolean reverseScored) {
    }

    /** Remove an item from a draft version. */
    public record RemoveItem(@TargetAggregateIdentifier String frameworkId, int version, String itemId) {
    }

    /** Record a co-design review of a draft version as it stands now. */
    public record RecordReview(@TargetAggregateIdentifier String frameworkId, int version, ReviewerRole reviewerRole,
                               Verdict verdict, String comment, LocalDate reviewedOn) {
    }

    /** Publish a draft version, with what it declares for the reliable change index (null: nothing). */
    public record PublishVersion(@TargetAggregateIdentifier String frameworkId, int version, LocalDate publishedOn,
                                 ReliableChangeBasis reliableChange) {
    }

    /** Retire a published version. */
    public record RetireVersion(@TargetAggregateIdentifier String frameworkId, int version, LocalDate retiredOn) {
    }
}
