package org.heard.contracts.envelope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.heard.contracts.EventCatalogue;
import org.heard.contracts.EventType;
import org.heard.contracts.HeardEvent;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema shipped for each event type, for producers and consumers alike. A producer checks an event before
 * it is stored ({@link #problems(HeardEvent)}), so that nothing is published that its consumers would refuse —
 * including anything over the bounds (lengths, items, entries) that keep every event far below the broker's message
 * limit. Problems name the field in the schema's own words (never a value, nor a key of a map of free keys).
 * Thread-safe.
 */
public final class EventSchemas {

    /** One field of an event that breaks its schema: where (e.g. {@code issueIds}) and the rule, without its value. */
    public record Problem(String field, String rule) {
    }

    private final Map<String, Schema> schemas;

    private EventSchemas(Map<String, Schema> schemas) {
        this.schemas = schemas;
    }

    /** The schemas of every type of the {@link EventCatalogue}. */
    public static EventSchemas forCatalogue() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Map<String, Schema> schemas = new HashMap<>();
        for (EventType<?> type : EventCatalogue.all()) {
            schemas.put(type.type(), registry.getSchema(resource("contracts/schemas/" + type.schemaFile())));
        }
        return new EventSchemas(Map.copyOf(schemas));
    }

    /** The raw errors of this data against its type's schema. */
    public List<Error> validate(EventType<?> type, JsonNode data) {
        return schemas.get(type.type()).validate(data);
    }

    /** What is wrong with an event of the catalogue, field by field; empty when it satisfies its schema. */
    public List<Problem> problems(HeardEvent event) {
        EventType<?> type = EventCatalogue.forClass(event.getClass())
                .orElseThrow(() -> new IllegalArgumentException("not a published type: " + event.getClass()));
        List<Error> errors = validate(type, EventJson.mapper().valueToTree(event));
        Set<Problem> problems = new LinkedHashSet<>();
        for (Error error : errors) {
            problems.add(new Problem(field(error), rule(error)));
        }
        return new ArrayList<>(problems);
    }

    /**
     * The field an error is about, from the schema's evaluation path: {@code properties/x} gives {@code x},
     * {@code items} gives {@code []}, a map's values {@code .*}; a sealed value's parts are the field itself.
     */
    static String field(Error error) {
        NodePath path = error.getEvaluationPath();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            String name = path.getName(i);
            switch (name) {
                case "properties" -> {
                    if (i + 1 < path.getNameCount()) {
                        String property = path.getName(++i);
                        if ((property.equals("ciphertext") || property.equals("keyId")) && !field.isEmpty()) {
                            continue; // a sealed value is one field for its writer
                        }
                        if (!field.isEmpty()) {
                            field.append('.');
                        }
                        field.append(property);
                    }
                }
                case "items", "prefixItems" -> field.append("[]");
                case "additionalProperties", "patternProperties" -> field.append(".*");
                case "propertyNames" -> field.append(" (names)");
                default -> {
                    // anyOf/1, $ref, $defs/x, the keyword: not part of the field's name
                }
            }
        }
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            return field.isEmpty() ? error.getProperty() : field + "." + error.getProperty();
        }
        return field.isEmpty() ? "(event)" : field.toString();
    }

    static String rule(Error error) {
        JsonNode schema = error.getSchemaNode();
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        return switch (keyword) {
            case "maxLength" -> "is too long" + limit(schema, "maxLength", " characters");
            case "maxItems" -> "has too many items" + limit(schema, "maxItems", "");
            case "maxProperties" -> "has too many entries" + limit(schema, "maxProperties", "");
            case "minLength" -> "must not be empty";
            case "pattern" -> "has the wrong format or a character that is not allowed";
            case "required" -> "is required";
            case "type", "anyOf", "oneOf", "enum", "const", "format" -> "has the wrong type or format";
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> "is out of range";
            case "uniqueItems" -> "must not repeat an item";
            default -> "breaks the rule " + keyword;
        };
    }

    private static String limit(JsonNode schema, String keyword, String unit) {
        if (schema != null && schema.has(keyword) && schema.get(keyword).isNumber()) {
            return " (at most " + schema.get(keyword).asInt() + unit + ")";
        }
        if (schema != null && schema.isNumber()) {
            return " (at most " + schema.asInt() + unit + ")";
        }
        return "";
    }

    static String resource(String path) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing contract file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
