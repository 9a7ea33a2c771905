package org.heard.reporting.framework;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.heard.contracts.EventCatalogue;
import org.heard.contracts.EventType;
import org.heard.contracts.HeardEvent;
import org.heard.contracts.outcomes.FrameworkItemDefined;
import org.heard.contracts.outcomes.FrameworkItemRemoved;
import org.heard.contracts.outcomes.FrameworkVersionDrafted;
import org.heard.contracts.outcomes.FrameworkVersionPublished;
import org.heard.contracts.outcomes.FrameworkVersionRetired;
import org.heard.reporting.projection.ProjectedEvent;
import org.heard.reporting.projection.ProjectedEvent.OrderKey;

/**
 * Every framework version reporting-service has seen, folded from the framework events like the other views: each
 * event is a fact with an identity (the version's draft, an item of a version, its publication, its retirement), and
 * two facts of one identity are merged by keeping the one that sorts later by (event time, aggregate, sequence). So
 * applying an event twice, or events in any order, gives the same catalogue.
 *
 * <p>It is reference data, a few events per framework: it is held in memory only and read from the whole outcome
 * topic at every start ({@link FrameworkCatalogueReader}), on every instance, whichever partitions it consumes.
 */
public final class FrameworkCatalogue {

    private record Fact(OrderKey order, HeardEvent event) {
    }

    private final Map<String, Fact> facts = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;

    /** True for the framework event types this catalogue is made of. */
    public static boolean concerns(EventType<?> type) {
        return type.equals(EventCatalogue.FRAMEWORK_VERSION_DRAFTED) || type.equals(EventCatalogue.FRAMEWORK_ITEM_DEFINED)
                || type.equals(EventCatalogue.FRAMEWORK_ITEM_REMOVED)
                || type.equals(EventCatalogue.FRAMEWORK_VERSION_PUBLISHED)
                || type.equals(EventCatalogue.FRAMEWORK_VERSION_RETIRED);
    }

    /** Applies one event (anything that is not a framework event is ignored). */
    public void apply(ProjectedEvent event) {
        String identity = identity(event.event());
        if (identity == null) {
            return;
        }
        Fact incoming = new Fact(event.order(), event.event());
        facts.merge(identity, incoming, (a, b) -> b.order().compareTo(a.order()) > 0 ? b : a);
    }

    private static String identity(HeardEvent event) {
        if (event instanceof FrameworkVersionDrafted e) {
            return e.frameworkId() + "\u0000" + e.version() + "\u0000drafted";
        } else if (event instanceof FrameworkItemDefined e) {
            return e.frameworkId() + "\u0000" + e.version() + "\u0000item\u0000" + e.itemId();
        } else if (event instanceof FrameworkItemRemoved e) {
            return e.frameworkId() + "\u0000" + e.version() + "\u0000item\u0000" + e.itemId();
        } else if (event instanceof FrameworkVersionPublished e) {
            return e.frameworkId() + "\u0000" + e.version() + "\u0000published";
        } else if (event instanceof FrameworkVersionRetired e) {
            return e.frameworkId() + "\u0000" + e.version() + "\u0000retired";
        }
        return null;
    }

    /** The version as its events describe it, if any event of it has arrived. */
    public Optional<FrameworkVersion> version(String frameworkId, int version) {
        return all().stream().filter(v -> v.frameworkId().equals(frameworkId) && v.version() == version).findFirst();
    }

    /** Every version, by framework id and version. */
    public List<FrameworkVersion> all() {
        Map<String, Builder> versions = new TreeMap<>();
        List<Fact> ordered = new ArrayList<>(facts.values());
        ordered.sort(Comparator.comparing(Fact::order));
        for (Fact fact : ordered) {
            HeardEvent event = fact.event();
            if (event instanceof FrameworkVersionDrafted e) {
                Builder b = builder(versions, e.frameworkId(), e.version());
                b.name = e.name();
                b.scoringRule = e.scoringRule() == null ? null : e.scoringRule().name();
            } else if (event instanceof FrameworkItemDefined e) {
                builder(versions, e.frameworkId(), e.version()).items.put(e.itemId(), new FrameworkVersion.Item(
                        e.itemId(), e.scaleMin(), e.scaleMax(), e.subscale(), e.reverseScored()));
            } else if (event instanceof FrameworkItemRemoved e) {
                builder(versions, e.frameworkId(), e.version()).items.remove(e.itemId());
            } else if (event instanceof FrameworkVersionPublished e) {
                Builder b = builder(versions, e.frameworkId(), e.version());
                b.publishedOn = e.publishedOn();
                b.reliableChange = e.reliableChange();
            } else if (event instanceof FrameworkVersionRetired e) {
                builder(versions, e.frameworkId(), e.version()).retiredOn = e.retiredOn();
            }
        }
        return versions.values().stream().map(Builder::build).toList();
    }

    /** Whether the catalogue has read the outcome topic up to where it ended when the reader started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    void markCaughtUp() {
        caughtUp = true;
    }

    private static Builder builder(Map<String, Builder> versions, String frameworkId, int version) {
        return versions.computeIfAbsent(frameworkId + "\u0000" + String.format("%09d", version),
                k -> new Builder(frameworkId, version));
    }

    private static final class Builder {
        final String frameworkId;
        final int version;
        String name;
        String scoringRule;
        final Map<String, FrameworkVersion.Item> items = new TreeMap<>();
        LocalDate publishedOn;
        LocalDate retiredOn;
        org.heard.contracts.outcomes.ReliableChangeBasis reliableChange;

        Builder(String frameworkId, int version) {
            this.frameworkId = frameworkId;
            this.version = version;
        }

        FrameworkVersion build() {
            return new FrameworkVersion(frameworkId, version, name, scoringRule, new ArrayList<>(items.values()),
                    publishedOn, retiredOn, reliableChange);
        }
    }
}
