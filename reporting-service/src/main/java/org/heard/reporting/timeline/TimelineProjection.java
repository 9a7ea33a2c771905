package org.heard.reporting.timeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.heard.contracts.EventCatalogue;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventJson;

/**
 * The timeline rule, a pure function: (current timeline, event) → next timeline. An event whose sequence is not
 * newer than the last one applied for its aggregate changes nothing, so redelivery is harmless. Event types this
 * service does not know yet are kept as they are; the timeline is every event of the person.
 */
public final class TimelineProjection {

    static final Comparator<PersonTimeline.Entry> ORDER = Comparator.comparing(PersonTimeline.Entry::time)
            .thenComparing(PersonTimeline.Entry::aggregateId)
            .thenComparingLong(PersonTimeline.Entry::sequence);

    private TimelineProjection() {
    }

    /** The timeline after the event, or the same instance when the event was already applied. */
    public static PersonTimeline apply(PersonTimeline current, EventEnvelope event) {
        if (!current.personId().equals(event.personId())) {
            throw new IllegalArgumentException("event of another person");
        }
        Long last = current.applied().get(event.aggregateId());
        if (last != null && event.sequence() <= last) {
            return current;
        }
        Map<String, Long> applied = new HashMap<>(current.applied());
        applied.put(event.aggregateId(), event.sequence());
        List<PersonTimeline.Entry> entries = new ArrayList<>(current.entries());
        entries.add(new PersonTimeline.Entry(event.id(), event.type(), event.time().toInstant(), event.aggregateId(),
                event.sequence(), org.bson.RawBsonDocument.parse(new String(event.data(), StandardCharsets.UTF_8))));
        entries.sort(ORDER);
        Map<String, String> advocates = current.advocates();
        if (EventCatalogue.ADVOCATE_ASSIGNED.type().equals(event.type())) {
            AdvocateAssigned assigned = EventJson.fromBytes(EventCatalogue.ADVOCATE_ASSIGNED, event.data());
            advocates = new HashMap<>(advocates);
            advocates.put(assigned.caseId(), assigned.advocateId());
        }
        return new PersonTimeline(current.personId(), current.version(), applied, entries, advocates);
    }
}
