package org.heard.contracts.envelope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.heard.contracts.EventCatalogue;
import org.heard.contracts.EventType;
import org.heard.contracts.HeardEvent;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Kafka record as a consumer of Heard's events must: the CloudEvents envelope, then the data checked against
 * the JSON Schema shipped for its type, then the data as its typed contract record. Every record ends in one of three
 * answers, and none of them throws:
 * <ul>
 * <li>{@link Accepted}: a known type whose data satisfies its schema, read as the record class;</li>
 * <li>{@link Unknown}: a well-formed envelope of a type this reader does not know (a newer producer): to be counted and
 * skipped, never applied;</li>
 * <li>{@link Poison}: anything that cannot be read, breaks its schema, or is keyed by someone other than the person it
 * is about: to be parked on the dead-letter topic with the reason.</li>
 * </ul>
 * Reasons name what is wrong (a missing header, the schema location and keyword broken, an exception class), never the
 * record's content, which may be personal data. Thread-safe.
 */
public final class EventReader {

    /** What a record turned out to be. */
    public sealed interface Read permits Accepted, Unknown, Poison {
    }

    /** A Heard event of a known type, valid against its schema. */
    public record Accepted(EventEnvelope envelope, EventType<?> type, HeardEvent event) implements Read {
    }

    /** A readable envelope of a type not in this reader's catalogue. */
    public record Unknown(EventEnvelope envelope) implements Read {
    }

    /** A record that cannot be used; {@code reason} is safe to log and to put in a header. */
    public record Poison(String reason) implements Read {
    }

    private static final int REASONS_SHOWN = 3;
    /** Reads numbers as the records hold them (decimals exactly, not through a double). */
    private static final tools.jackson.databind.json.JsonMapper TREES = EventJson.mapper().rebuild()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final Map<String, Schema> schemas;

    private EventReader(Map<String, Schema> schemas) {
        this.schemas = schemas;
    }

    /** A reader for every type of the {@link EventCatalogue}, with the schemas shipped in this module. */
    public static EventReader forCatalogue() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        Map<String, Schema> schemas = new HashMap<>();
        for (EventType<?> type : EventCatalogue.all()) {
            schemas.put(type.type(), registry.getSchema(resource("contracts/schemas/" + type.schemaFile())));
        }
        return new EventReader(Map.copyOf(schemas));
    }

    /** Reads a record from one of the event topics. */
    public Read read(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope;
        try {
            envelope = EnvelopeCodec.fromRecord(record);
        } catch (EnvelopeCodec.UnreadableRecordException e) {
            return new Poison(e.getMessage());
        } catch (RuntimeException e) {
            return new Poison("unreadable envelope: " + e.getClass().getSimpleName());
        }
        return read(envelope);
    }

    /** Checks and reads the data of an envelope already taken off a record. */
    public Read read(EventEnvelope envelope) {
        if (envelope.personId().isBlank()) {
            return new Poison("blank record key");
        }
        EventType<?> type = EventCatalogue.byType(envelope.type()).orElse(null);
        if (type == null) {
            return new Unknown(envelope);
        }
        JsonNode data;
        try {
            data = TREES.readTree(envelope.data());
        } catch (JacksonException e) {
            return new Poison("data of " + type.type() + " is not JSON");
        }
        if (data == null || !data.isObject()) {
            return new Poison("data of " + type.type() + " is not a JSON object");
        }
        List<Error> errors = schemas.get(type.type()).validate(data);
        if (!errors.isEmpty()) {
            return new Poison("data of " + type.type() + " breaks its schema: " + errors.stream().limit(REASONS_SHOWN)
                    .map(EventReader::describe)
                    .collect(Collectors.joining("; ")) + (errors.size() > REASONS_SHOWN ? "; …" : ""));
        }
        HeardEvent event;
        try {
            event = TREES.treeToValue(data, type.dataType());
        } catch (JacksonException | IllegalArgumentException e) {
            return new Poison("data of " + type.type() + " cannot be read as " + type.dataType().getSimpleName() + ": "
                    + e.getClass().getSimpleName());
        }
        if (!Objects.equals(envelope.personId(), event.key())) {
            // a timeline keyed by someone else would show this event to the wrong person's advocate
            return new Poison("record key is not the key of the " + type.dataType().getSimpleName() + " it carries");
        }
        return new Accepted(envelope, type, event);
    }

    /**
     * Where a schema error is, in the schema's words (its evaluation path and keyword, plus the property a
     * {@code required} names): never the instance's own property names, which a map of free keys could fill with
     * anything.
     */
    private static String describe(Error error) {
        String where = error.getEvaluationPath().toString();
        return "required".equals(error.getKeyword()) && error.getProperty() != null
                ? where + " (" + error.getProperty() + ")" : where;
    }

    private static String resource(String path) {
        try (InputStream in = EventReader.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing contract file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
