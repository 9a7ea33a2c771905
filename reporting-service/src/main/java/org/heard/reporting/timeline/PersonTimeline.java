package org.heard.reporting.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.heard.reporting.projection.ProjectedEvent;

/**
 * One person's timeline: every event about them exactly once, in {@link ProjectedEvent.OrderKey} order (ties broken
 * by event id). It is a set of events keyed by their CloudEvents id, so an event that arrives again, or later than a
 * newer event of its aggregate from another topic, lands in the same place. Not by (aggregate, sequence): case-service's
 * {@code Person} and trust-gateway's {@code TrustPatient} are both keyed by the person's id, so their events share
 * aggregate ids and sequences. The id is the producer's event-store identifier, which a re-sent event keeps.
 *
 * @param personId  the person's pseudonymous id
 * @param version   optimistic-concurrency version of the stored document (0 when not yet stored)
 * @param entries   the events, in order
 * @param advocates per case of the person, the advocate it is assigned to now (for the record-level access check)
 */
public record PersonTimeline(String personId, long version, List<Entry> entries, Map<String, String> advocates) {

    public PersonTimeline {
        entries = List.copyOf(entries);
        advocates = Map.copyOf(advocates);
    }

    public static PersonTimeline empty(String personId) {
        return new PersonTimeline(personId, 0, List.of(), Map.of());
    }

    /** The timeline as it stood at the end of a date (UTC event time): later events left out. */
    public PersonTimeline asOf(LocalDate date) {
        Instant end = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new PersonTimeline(personId, version, entries.stream().filter(e -> e.time().isBefore(end)).toList(),
                advocates);
    }

    /** The identities (event ids) of the events on it. */
    public Set<String> eventKeys() {
        Set<String> keys = new HashSet<>(entries.size() * 2);
        entries.forEach(entry -> keys.add(entry.eventId()));
        return keys;
    }

    /**
     * One event on the timeline.
     *
     * @param eventId     the CloudEvents id: the entry's identity on the timeline
     * @param type        the versioned event type
     * @param time        when the fact was recorded
     * @param aggregateId the source aggregate
     * @param sequence    the event's sequence within that aggregate
     * @param data        the event's data, the JSON as published
     */
    public record Entry(String eventId, String type, Instant time, String aggregateId, long sequence, String data) {

        public ProjectedEvent.OrderKey order() {
            return new ProjectedEvent.OrderKey(time, aggregateId, sequence);
        }
    }
}
