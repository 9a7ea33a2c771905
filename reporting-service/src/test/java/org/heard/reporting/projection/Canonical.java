package org.heard.reporting.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;

/**
 * A document as comparable text: keys sorted at every level. mongo-java-server keeps a replaced document's original
 * key order (MongoDB does not), so two equal documents can print differently.
 */
public final class Canonical {

    private Canonical() {
    }

    public static String json(Document document) {
        return new Document(sorted(document)).toJson();
    }

    private static Map<String, Object> sorted(Map<String, Object> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((key, value) -> sorted.put(key, canonical(value)));
        return sorted;
    }

    @SuppressWarnings("unchecked")
    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new Document(sorted((Map<String, Object>) map));
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return value;
    }
}
