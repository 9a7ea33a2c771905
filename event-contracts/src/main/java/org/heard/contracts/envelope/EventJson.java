package org.heard.contracts.envelope;

import org.heard.contracts.EventType;
import org.heard.contracts.HeardEvent;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of event data on the wire: ISO-8601 dates, enums by name, properties in declaration order.
 * Readers tolerate unknown properties, so adding an optional field is a compatible change.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private EventJson() {
    }

    /** The mapper used for event data; shared, thread-safe, not to be reconfigured. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(HeardEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static <T extends HeardEvent> T fromBytes(EventType<T> type, byte[] json) {
        return MAPPER.readValue(json, type.dataType());
    }
}
