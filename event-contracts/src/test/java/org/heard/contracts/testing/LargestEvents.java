package org.heard.contracts.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.heard.contracts.EventType;
import org.heard.contracts.envelope.EventJson;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The largest data an event type's JSON Schema allows: every property present, every string at its maximum length in
 * the character that costs most on the wire (a control character, written as six bytes, where the schema allows
 * one), every array at its maximum items and every map at its maximum entries. A schema construct or pattern this
 * generator does not know fails loudly, so a new unbounded field cannot slip past the size test.
 */
public final class LargestEvents {

    /** Strings of a pattern, at their longest. */
    private static final Map<String, String> BY_PATTERN = Map.of(
            "^[a-z0-9][a-z0-9-]{0,99}$", "a".repeat(100),
            "^[a-z0-9][a-z0-9-]{0,49}$", "a".repeat(50),
            "^[0-9]{2}$", "99",
            "^[a-z]{2}$", "zz",
            "^([A-HJ-NPRSZ]|99)$", "99",
            "^[0-9]{1,2}(-[0-9]{1,2}|\\+)$", "99-99",
            "^[0-9a-f]{32}$", "f".repeat(32));
    /** A free-text pattern that only forbids NUL. */
    private static final String NO_NUL = "^[^\\u0000]*$";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;
    private int counter;

    private LargestEvents(JsonNode root) {
        this.root = root;
    }

    /** The schema of a type, as shipped. */
    public static JsonNode schema(EventType<?> type) {
        String path = "contracts/schemas/" + type.schemaFile();
        try (InputStream in = LargestEvents.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            return EventJson.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The largest data of this type its schema allows. */
    public static JsonNode of(EventType<?> type) {
        JsonNode schema = schema(type);
        return new LargestEvents(schema).largest(schema, "");
    }

    private JsonNode largest(JsonNode schema, String where) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException(where + ": only local $ref is supported, not " + ref);
            }
            return largest(root.at(ref.substring(1)), where);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum")) {
            JsonNode longest = null;
            for (JsonNode value : schema.get("enum")) {
                if (longest == null || value.toString().length() > longest.toString().length()) {
                    longest = value;
                }
            }
            return longest;
        }
        if (schema.has("anyOf") || schema.has("oneOf")) {
            JsonNode best = null;
            for (JsonNode branch : schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf")) {
                JsonNode candidate = largest(branch, where);
                if (best == null || size(candidate) > size(best)) {
                    best = candidate;
                }
            }
            return best;
        }
        String type = schema.path("type").asString("");
        return switch (type) {
            case "null" -> NODES.nullNode();
            case "boolean" -> NODES.booleanNode(false);
            case "integer" -> NODES.numberNode(schema.has("maximum") ? schema.get("maximum").asLong()
                    : schema.has("minimum") && schema.get("minimum").asLong() >= 0 ? Integer.MAX_VALUE
                    : Integer.MIN_VALUE);
            case "number" -> NODES.numberNode(new java.math.BigDecimal(
                    schema.has("maximum") || schema.has("exclusiveMaximum") ? "0.12345678901234567"
                            : schema.has("minimum") || schema.has("exclusiveMinimum") ? "1.2345678901234567E+300"
                            : "-1.2345678901234567E-300"));
            case "string" -> NODES.stringNode(string(schema, where));
            case "array" -> array(schema, where);
            case "object" -> object(schema, where);
            default -> throw new IllegalStateException(where + ": no type the generator knows (" + type + ")");
        };
    }

    private String string(JsonNode schema, String where) {
        String format = schema.path("format").asString("");
        switch (format) {
            case "uuid" -> {
                return new UUID(0x7fffffffffffffffL, counter++).toString();
            }
            case "date" -> {
                return "2026-12-31";
            }
            case "date-time" -> {
                return "2026-12-31T23:59:59.999999999+01:00";
            }
            case "" -> {
            }
            default -> throw new IllegalStateException(where + ": unknown format " + format);
        }
        if (!schema.has("maxLength")) {
            throw new IllegalStateException(where + ": a string without maxLength");
        }
        int max = schema.get("maxLength").asInt();
        String pattern = schema.path("pattern").asString("");
        if (pattern.isEmpty() || pattern.equals(NO_NUL)) {
            if ("base64".equals(schema.path("contentEncoding").asString(""))) {
                return "A".repeat(max - max % 4);
            }
            // written as \u0001: six bytes on the wire for one character
            return ("\u0001").repeat(max);
        }
        String value = BY_PATTERN.get(pattern);
        if (value == null) {
            throw new IllegalStateException(where + ": no longest value known for the pattern " + pattern);
        }
        if (value.length() > max) {
            throw new IllegalStateException(where + ": the longest value of " + pattern + " is over maxLength");
        }
        return value;
    }

    private ArrayNode array(JsonNode schema, String where) {
        if (!schema.has("maxItems")) {
            throw new IllegalStateException(where + ": an array without maxItems");
        }
        int max = schema.get("maxItems").asInt();
        JsonNode items = schema.path("items");
        if (schema.path("uniqueItems").asBoolean(false) && items.has("enum")) {
            max = Math.min(max, items.get("enum").size());
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < max; i++) {
                array.add(items.get("enum").get(i));
            }
            return array;
        }
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < max; i++) {
            array.add(largest(items, where + "[]"));
        }
        return array;
    }

    private ObjectNode object(JsonNode schema, String where) {
        ObjectNode object = NODES.objectNode();
        schema.path("properties").properties().forEach(property ->
                object.set(property.getKey(), largest(property.getValue(), where + "." + property.getKey())));
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject()) {
            if (!schema.has("maxProperties") || !schema.path("propertyNames").has("maxLength")) {
                throw new IllegalStateException(where + ": a map without maxProperties and propertyNames.maxLength");
            }
            int entries = schema.get("maxProperties").asInt();
            int keyLength = schema.get("propertyNames").get("maxLength").asInt();
            for (int i = 0; i < entries; i++) {
                String index = Integer.toString(i);
                String key = index + "\u0001".repeat(keyLength - index.length());
                object.set(key, largest(additional, where + ".*"));
            }
        }
        return object;
    }

    private static int size(JsonNode node) {
        return EventJson.mapper().writeValueAsBytes(node).length;
    }
}
