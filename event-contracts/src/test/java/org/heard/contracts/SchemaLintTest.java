package org.heard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.heard.contracts.testing.LargestEvents;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Every string, list and map that can enter an event has a bound in its schema (maxLength, maxItems, maxProperties
 * with bounded names), and every free text forbids NUL, which neither PostgreSQL text nor a BSON key can hold. A new
 * field without one fails here.
 */
class SchemaLintTest {

    @Test
    void everyStringListAndMapOfEveryEventIsBounded() {
        List<String> unbounded = new ArrayList<>();
        for (EventType<?> type : EventCatalogue.all()) {
            JsonNode schema = LargestEvents.schema(type);
            walk(schema, type.type(), unbounded);
        }
        assertThat(unbounded).isEmpty();
    }

    private static void walk(JsonNode node, String where, List<String> unbounded) {
        if (!node.isObject()) {
            return;
        }
        String type = node.path("type").asString("");
        if (type.equals("string") && !node.has("maxLength")) {
            unbounded.add(where + " (a string without maxLength)");
        }
        if (type.equals("string") && !node.has("format") && !node.has("pattern")
                && !node.path("contentEncoding").asString("").equals("base64")) {
            unbounded.add(where + " (free text without a pattern that forbids NUL)");
        }
        if (type.equals("array") && !node.has("maxItems")) {
            unbounded.add(where + " (an array without maxItems)");
        }
        if (node.path("additionalProperties").isObject()
                && (!node.has("maxProperties") || !node.path("propertyNames").has("maxLength"))) {
            unbounded.add(where + " (a map without maxProperties and bounded names)");
        }
        node.properties().forEach(child -> {
            if (child.getValue().isObject()) {
                walk(child.getValue(), where + "/" + child.getKey(), unbounded);
            } else if (child.getValue().isArray()) {
                int i = 0;
                for (JsonNode item : child.getValue()) {
                    walk(item, where + "/" + child.getKey() + "/" + i++, unbounded);
                }
            }
        });
    }
}
