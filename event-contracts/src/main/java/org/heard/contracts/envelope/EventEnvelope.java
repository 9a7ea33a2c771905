package org.heard.contracts.envelope;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Objects;

import org.heard.contracts.EventCatalogue;
import org.heard.contracts.EventType;
import org.heard.contracts.HeardEvent;

/**
 * A published event with its CloudEvents 1.0 attributes and Heard's extensions.
 *
 * @param id            unique id of this event (the event store's identifier: a republished event keeps its id)
 * @param source        the producing service, e.g. {@code /heard/case-service}
 * @param type          the versioned event type, e.g. {@code org.heard.case.ReferralReceived.v1}
 * @param subject       the aggregate the event belongs to, as {@code AggregateType/aggregateId}
 * @param time          when the fact was recorded
 * @param personId      the Kafka record key: the person's pseudonymous id, or for an event about no person (a
 *                      framework, a systemic issue) the id of what it is about
 * @param aggregateId   extension {@code aggregateid}: the source aggregate's id
 * @param sequence      extension {@code aggregatesequence}: the event's sequence number within its aggregate, from 0
 * @param correlationId extension {@code correlationid}: ties the event to the request that caused it
 * @param data          the event's JSON data (datacontenttype application/json)
 */
public record EventEnvelope(
        String id,
        URI source,
        String type,
        String subject,
        OffsetDateTime time,
        String personId,
        String aggregateId,
        long sequence,
        String correlationId,
        byte[] data) {

    public static final String DATA_CONTENT_TYPE = "application/json";
    public static final String EXT_AGGREGATE_ID = "aggregateid";
    public static final String EXT_SEQUENCE = "aggregatesequence";
    public static final String EXT_CORRELATION_ID = "correlationid";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(data, "data");
    }

    /** Wraps an event for publication. */
    public static EventEnvelope wrap(HeardEvent event, String id, URI source, String aggregateType, String aggregateId,
                                     long sequence, OffsetDateTime time, String correlationId) {
        EventType<?> eventType = EventCatalogue.forClass(event.getClass())
                .orElseThrow(() -> new IllegalArgumentException("not a published event type: " + event.getClass().getName()));
        return new EventEnvelope(id, source, eventType.type(), aggregateType + "/" + aggregateId, time, event.key(),
                aggregateId, sequence, correlationId, EventJson.toBytes(event));
    }

    /** The catalogue entry of this envelope's type, if this reader knows it. */
    public java.util.Optional<EventType<?>> eventType() {
        return EventCatalogue.byType(type);
    }

    /** The event data read as its published record. */
    public HeardEvent event() {
        EventType<?> eventType = eventType()
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
        return EventJson.fromBytes(eventType, data);
    }
}
