package org.heard.reporting.projection;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.heard.contracts.EventType;
import org.heard.contracts.HeardEvent;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventReader;

/**
 * An event as the projections take it: its identity and place in its aggregate, its time, and its data both as the
 * typed contract record (which the folds read, so a renamed contract field fails a compile) and as the JSON it was
 * published with (which the timeline keeps and serves as it is).
 *
 * @param key the record key: the person's id, or for a personless event what it is about
 */
public record ProjectedEvent(String id, Instant time, String key, String aggregateId, long sequence,
                             EventType<?> type, HeardEvent event, String json) {

    /** The event as {@link EventReader} accepted it. */
    public static ProjectedEvent of(EventReader.Accepted accepted) {
        EventEnvelope envelope = accepted.envelope();
        return new ProjectedEvent(envelope.id(), envelope.time().toInstant(), envelope.personId(),
                envelope.aggregateId(), envelope.sequence(), accepted.type(), accepted.event(),
                new String(envelope.data(), StandardCharsets.UTF_8));
    }

    /** Where the event sorts among a person's events. */
    public OrderKey order() {
        return new OrderKey(time, aggregateId, sequence);
    }

    /** True for an event of this type. */
    public boolean is(EventType<?> eventType) {
        return type.equals(eventType);
    }

    /**
     * The one order of a person's events: by event time, then source aggregate, then sequence within it. Every
     * "latest" in the projections means the greatest by this key, never the last to arrive, so that the order in
     * which topics are read cannot change a view.
     */
    public record OrderKey(Instant time, String aggregateId, long sequence) implements Comparable<OrderKey> {

        private static final java.util.Comparator<OrderKey> ORDER = java.util.Comparator.comparing(OrderKey::time)
                .thenComparing(OrderKey::aggregateId).thenComparingLong(OrderKey::sequence);

        @Override
        public int compareTo(OrderKey other) {
            return ORDER.compare(this, other);
        }

        /** The identity of the event this key belongs to (an aggregate's sequence number is unique). */
        public String eventKey() {
            return aggregateId + "#" + sequence;
        }
    }
}
