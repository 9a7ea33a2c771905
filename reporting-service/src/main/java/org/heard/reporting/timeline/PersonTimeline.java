package org.heard.reporting.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One person's timeline: every event about them, in event-time order, and for each source aggregate the last
 * sequence number applied (the idempotence guard).
 *
 * @param personId the person's pseudonymous id
 * @param version  optimistic-concurrency version of the stored document (0 when not yet stored)
 * @param applied  per source aggregate id, the highest sequence number applied
 * @param entries  the events, ordered by time, then aggregate, then sequence
 * @param advocates per case of the person, the advocate it is assigned to (for the record-level access check)
 */
public record PersonTimeline(String personId, long version, Map<String, Long> applied, List<Entry> entries,
                             Map<String, String> advocates) {

    public PersonTimeline {
        applied = Map.copyOf(applied);
        entries = List.copyOf(entries);
        advocates = Map.copyOf(advocates);
    }

    /** The timeline as it stood at the end of a date (UTC event time): later events left out. */
    public PersonTimeline asOf(java.time.LocalDate date) {
        java.time.Instant end = date.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return new PersonTimeline(personId, version, applied,
                entries.stream().filter(e -> e.time().isBefore(end)).toList(), advocates);
    }

    public static PersonTimeline empty(String personId) {
        return new PersonTimeline(personId, 0, Map.of(), List.of(), Map.of());
    }

    /**
     * One event on the timeline.
     *
     * @param eventId     the CloudEvents id
     * @param type        the versioned event type
     * @param time        when the fact was recorded
     * @param aggregateId the source aggregate
     * @param sequence    the event's sequence within that aggregate
     * @param data        the event's data as published, converted to BSON once when it arrived and kept as raw bytes
     *                    (fields are read in place; the writer never re-encodes it)
     */
    public record Entry(String eventId, String type, Instant time, String aggregateId, long sequence,
                        org.bson.RawBsonDocument data) {

        private static final org.bson.json.JsonWriterSettings RELAXED = org.bson.json.JsonWriterSettings.builder()
                .outputMode(org.bson.json.JsonMode.RELAXED).build();

        /** The data as JSON, for API responses. */
        public String dataJson() {
            return data.toJson(RELAXED);
        }
    }
}
