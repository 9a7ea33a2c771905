package org.heard.outcomes.framework;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.heard.contracts.outcomes.CoDesignReviewRecorded;
import org.heard.contracts.outcomes.FrameworkItemDefined;
import org.heard.contracts.outcomes.FrameworkItemRemoved;
import org.heard.contracts.outcomes.FrameworkVersionDrafted;
import org.heard.contracts.outcomes.FrameworkVersionPublished;
import org.heard.contracts.outcomes.FrameworkVersionRetired;
import org.heard.contracts.outcomes.ReviewerRole;
import org.heard.contracts.outcomes.ScoringRule;
import org.heard.contracts.outcomes.Verdict;
import org.heard.kit.domain.Dates;
import org.heard.kit.web.RuleViolation;
import org.heard.outcomes.framework.FrameworkCommands.DefineItem;
import org.heard.outcomes.framework.FrameworkCommands.DraftFramework;
import org.heard.outcomes.framework.FrameworkCommands.DraftNewVersion;
import org.heard.outcomes.framework.FrameworkCommands.PublishVersion;
import org.heard.outcomes.framework.FrameworkCommands.RecordReview;
import org.heard.outcomes.framework.FrameworkCommands.RemoveItem;
import org.heard.outcomes.framework.FrameworkCommands.RetireVersion;

/**
 * An evaluation framework — an instrument as data — and its versions. Items change only while a version is a draft;
 * every change moves the draft on a revision, and a version is published only with a service-user panel's endorsement
 * of the revision being published. A published version never changes: a change is a new version.
 */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLockFactory")
public class EvaluationFramework {

    enum Status { DRAFT, PUBLISHED, RETIRED }

    /** One version as the rules see it. */
    static final class Version {
        final ScoringRule scoringRule;
        Status status = Status.DRAFT;
        int draftRevision;
        final Map<String, FrameworkItemDefined> items = new LinkedHashMap<>();
        final Set<Integer> panelEndorsedRevisions = new HashSet<>();

        Version(ScoringRule scoringRule) {
            this.scoringRule = scoringRule;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Version v && scoringRule == v.scoringRule && status == v.status
                    && draftRevision == v.draftRevision && items.equals(v.items)
                    && panelEndorsedRevisions.equals(v.panelEndorsedRevisions);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(scoringRule, status, draftRevision, items, panelEndorsedRevisions);
        }
    }

    @AggregateIdentifier
    private String frameworkId;
    private final Map<Integer, Version> versions = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, org.heard.contracts.outcomes.FrameworkPurpose> purposes = new HashMap<>();

    protected EvaluationFramework() {
        // for Axon
    }

    @CommandHandler
    public EvaluationFramework(DraftFramework command) {
        apply(new FrameworkVersionDrafted(command.frameworkId(), 1, command.name(), command.purpose(),
                command.scoringRule(), null));
    }

    @CommandHandler
    public void handle(DraftNewVersion command) {
        Version base = version(command.basedOnVersion());
        if (base.status == Status.DRAFT) {
            throw new RuleViolation("version-is-draft", "a draft is changed directly, not re-versioned");
        }
        int next = versions.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        apply(new FrameworkVersionDrafted(frameworkId, next, names.get(command.basedOnVersion()),
                purposes.get(command.basedOnVersion()), base.scoringRule, command.basedOnVersion()));
        int revision = 0;
        for (FrameworkItemDefined item : base.items.values()) {
            apply(new FrameworkItemDefined(frameworkId, next, item.itemId(), item.wording(), item.scaleMin(),
                    item.scaleMax(), item.scaleLabels(), item.subscale(), item.reverseScored(), ++revision));
        }
    }

    @CommandHandler
    public void handle(DefineItem command) {
        Version version = draft(command.version());
        if (command.scaleMin() >= command.scaleMax()) {
            throw new RuleViolation("scale", "scaleMin must be below scaleMax");
        }
        if (!command.scaleLabels().isEmpty()
                && command.scaleLabels().size() != command.scaleMax() - command.scaleMin() + 1) {
            throw new RuleViolation("scale-labels", "give one label per scale point, or none");
        }
        if (version.scoringRule == ScoringRule.SUBSCALE_MEANS && command.subscale() == null) {
            throw new RuleViolation("subscale-required", "items of a framework scored by subscale means need a subscale");
        }
        apply(new FrameworkItemDefined(frameworkId, command.version(), command.itemId(), command.wording(),
                command.scaleMin(), command.scaleMax(), command.scaleLabels(), command.subscale(),
                command.reverseScored(), version.draftRevision + 1));
    }

    @CommandHandler
    public void handle(RemoveItem command) {
        Version version = draft(command.version());
        if (!version.items.containsKey(command.itemId())) {
            throw new RuleViolation("unknown-item", "item " + command.itemId() + " is not in version "
                    + command.version());
        }
        apply(new FrameworkItemRemoved(frameworkId, command.version(), command.itemId(), version.draftRevision + 1));
    }

    @CommandHandler
    public void handle(RecordReview command, Clock clock) {
        Version version = draft(command.version());
        Dates.notInFuture("reviewedOn", command.reviewedOn(), clock);
        apply(new CoDesignReviewRecorded(frameworkId, command.version(), version.draftRevision,
                command.reviewerRole(), command.verdict(), command.comment(), command.reviewedOn()));
    }

    @CommandHandler
    public void handle(PublishVersion command, Clock clock) {
        Version version = draft(command.version());
        Dates.notInFuture("on", command.publishedOn(), clock);
        if (version.items.isEmpty()) {
            throw new RuleViolation("no-items", "a version without items cannot be published");
        }
        if (!version.panelEndorsedRevisions.contains(version.draftRevision)) {
            throw new RuleViolation("no-service-user-endorsement", "version " + command.version() + " cannot be"
                    + " published without a service-user panel's endorsement of this exact version");
        }
        apply(new FrameworkVersionPublished(frameworkId, command.version(), command.publishedOn(),
                command.reliableChange()));
    }

    @CommandHandler
    public void handle(RetireVersion command, Clock clock) {
        Dates.notInFuture("on", command.retiredOn(), clock);
        if (version(command.version()).status != Status.PUBLISHED) {
            throw new RuleViolation("not-published", "only a published version can be retired");
        }
        apply(new FrameworkVersionRetired(frameworkId, command.version(), command.retiredOn()));
    }

    private Version version(int number) {
        Version version = versions.get(number);
        if (version == null) {
            throw new RuleViolation("unknown-version", "framework " + frameworkId + " has no version " + number);
        }
        return version;
    }

    private Version draft(int number) {
        Version version = version(number);
        if (version.status != Status.DRAFT) {
            throw new RuleViolation("version-published", "version " + number + " of " + frameworkId
                    + " is published and cannot change; draft a new version");
        }
        return version;
    }

    @EventSourcingHandler
    void on(FrameworkVersionDrafted event) {
        this.frameworkId = event.frameworkId();
        versions.put(event.version(), new Version(event.scoringRule()));
        names.put(event.version(), event.name());
        purposes.put(event.version(), event.purpose());
    }

    @EventSourcingHandler
    void on(FrameworkItemDefined event) {
        Version version = versions.get(event.version());
        version.items.put(event.itemId(), event);
        version.draftRevision = event.draftRevision();
    }

    @EventSourcingHandler
    void on(FrameworkItemRemoved event) {
        Version version = versions.get(event.version());
        version.items.remove(event.itemId());
        version.draftRevision = event.draftRevision();
    }

    @EventSourcingHandler
    void on(CoDesignReviewRecorded event) {
        if (event.reviewerRole() == ReviewerRole.SERVICE_USER_PANEL && event.verdict() == Verdict.ENDORSED) {
            versions.get(event.version()).panelEndorsedRevisions.add(event.draftRevision());
        }
    }

    @EventSourcingHandler
    void on(FrameworkVersionPublished event) {
        versions.get(event.version()).status = Status.PUBLISHED;
    }

    @EventSourcingHandler
    void on(FrameworkVersionRetired event) {
        versions.get(event.version()).status = Status.RETIRED;
    }
}
