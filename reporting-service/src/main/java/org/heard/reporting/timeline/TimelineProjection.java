package org.heard.reporting.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.heard.contracts.EventCatalogue;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.envelope.EventJson;
import org.heard.reporting.projection.ProjectedEvent;

/**
 * The timeline rule, a pure function: (timeline, events) → timeline. The timeline is the set of the person's events
 * by event id, kept in order: an event already on it changes nothing, whatever order or how often the events arrive.
 * The advocate of each case is the one named by its latest assignment in that order.
 */
public final class TimelineProjection {

    /**
     * Event order, then the event id: two producers' aggregates can share an id and a sequence (a person's
     * {@code Person} and {@code TrustPatient}), and their events may have the same time, so without the id two
     * distinct events could tie and sit in arrival order.
     */
    static final Comparator<PersonTimeline.Entry> ORDER = Comparator.comparing(PersonTimeline.Entry::order)
            .thenComparing(PersonTimeline.Entry::eventId);

    private TimelineProjection() {
    }

    /** The timeline after one event, or the same instance when the event is already on it. */
    public static PersonTimeline apply(PersonTimeline current, ProjectedEvent event) {
        return applyAll(current, List.of(event));
    }

    /** The timeline after several events (sorted once), or the same instance when none of them is new. */
    public static PersonTimeline applyAll(PersonTimeline current, List<ProjectedEvent> events) {
        Set<String> known = null;
        List<PersonTimeline.Entry> added = new ArrayList<>();
        for (ProjectedEvent event : events) {
            if (!current.personId().equals(event.key())) {
                throw new IllegalArgumentException("event of another person");
            }
            if (known == null) {
                known = current.eventKeys();
            }
            if (known.add(event.id())) {
                added.add(new PersonTimeline.Entry(event.id(), event.type().type(), event.time(), event.aggregateId(),
                        event.sequence(), event.json()));
            }
        }
        if (added.isEmpty()) {
            return current;
        }
        List<PersonTimeline.Entry> entries = new ArrayList<>(current.entries().size() + added.size());
        entries.addAll(current.entries());
        entries.addAll(added);
        entries.sort(ORDER);
        boolean assignment = added.stream().anyMatch(e -> EventCatalogue.ADVOCATE_ASSIGNED.type().equals(e.type()));
        return new PersonTimeline(current.personId(), current.version(), entries,
                assignment ? advocates(entries) : current.advocates());
    }

    /** The timeline of these entries (in any order, repeats allowed): what {@link #applyAll} gives from empty. */
    public static PersonTimeline of(String personId, List<PersonTimeline.Entry> entries) {
        List<PersonTimeline.Entry> ordered = new ArrayList<>(entries);
        ordered.sort(ORDER);
        List<PersonTimeline.Entry> once = new ArrayList<>(ordered.size());
        java.util.Set<String> seen = new java.util.HashSet<>(ordered.size() * 2);
        for (PersonTimeline.Entry entry : ordered) {
            if (seen.add(entry.eventId())) {
                once.add(entry);
            }
        }
        return new PersonTimeline(personId, 0, once, advocates(once));
    }

    /** The timeline's entries read back as typed events (for views folded from a whole timeline). */
    public static List<ProjectedEvent> events(PersonTimeline timeline) {
        List<ProjectedEvent> events = new ArrayList<>(timeline.entries().size());
        for (PersonTimeline.Entry entry : timeline.entries()) {
            EventCatalogue.byType(entry.type()).ifPresent(type -> events.add(new ProjectedEvent(entry.eventId(),
                    entry.time(), timeline.personId(), entry.aggregateId(), entry.sequence(), type,
                    EventJson.mapper().readValue(entry.data(), type.dataType()), entry.data())));
        }
        return events;
    }

    private static Map<String, String> advocates(List<PersonTimeline.Entry> ordered) {
        Map<String, String> advocates = new HashMap<>();
        for (PersonTimeline.Entry entry : ordered) {
            if (EventCatalogue.ADVOCATE_ASSIGNED.type().equals(entry.type())) {
                AdvocateAssigned assigned = EventJson.mapper().readValue(entry.data(), AdvocateAssigned.class);
                advocates.put(assigned.caseId(), assigned.advocateId());
            }
        }
        return advocates;
    }
}
