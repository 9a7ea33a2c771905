package org.heard.reporting.projection;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.heard.contracts.EventCatalogue;
import org.heard.contracts.EventType;
import org.heard.contracts.HeardEvent;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventJson;

/** Events as the projections take them, built from contract records (ids derived from aggregate and sequence). */
public final class TestEvents {

    private TestEvents() {
    }

    public static ProjectedEvent event(HeardEvent event, String aggregateId, long sequence, Instant time) {
        EventType<?> type = EventCatalogue.forClass(event.getClass()).orElseThrow();
        return new ProjectedEvent(aggregateId + "/" + sequence, time, event.key(), aggregateId, sequence, type, event,
                new String(EventJson.toBytes(event), StandardCharsets.UTF_8));
    }

    public static ProjectedEvent event(HeardEvent event, String aggregateId, long sequence, String isoInstant) {
        return event(event, aggregateId, sequence, Instant.parse(isoInstant));
    }

    /** The envelope the same event travels in on Kafka. */
    public static EventEnvelope envelope(ProjectedEvent event) {
        return new EventEnvelope(event.id(), URI.create("/heard/test"), event.type().type(),
                "X/" + event.aggregateId(), OffsetDateTime.ofInstant(event.time(), ZoneOffset.UTC), event.key(),
                event.aggregateId(), event.sequence(), null, event.json().getBytes(StandardCharsets.UTF_8));
    }
}
