package org.heard.kit.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.heard.contracts.envelope.EventJson;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input for every operation of a service's OpenAPI document, sent over real HTTP with each of the given tokens:
 * every path and query parameter and every property of a JSON body (one level into nested objects and arrays) in
 * turn takes a wrong type, a NUL, a huge value, unusual unicode, an unknown enum constant, a number as a string, an
 * enum's ordinal; whole bodies that are not JSON, not objects, or over the body limit. What it finds: any answer of
 * 500 or more, a 4xx that is not {@code application/problem+json}, and a 4xx that repeats the value sent.
 */
public final class ApiFuzz {

    /** One answer that breaks the rules. */
    public record Finding(String operation, String mutation, int status, String why) {
        @Override
        public String toString() {
            return operation + " [" + mutation + "] -> " + status + ": " + why;
        }
    }

    /** What was sent and found. */
    public record Report(int operations, int requests, Map<Integer, Integer> statuses, List<Finding> findings) {
    }

    /** Marks every injected string: an answer containing it echoes the request. */
    static final String MARK = "Zq9echo";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String base;
    private final List<String> tokens;
    private final JsonNode document;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private int requests;

    private ApiFuzz(String base, List<String> tokens, JsonNode document) {
        this.base = base;
        this.tokens = tokens;
        this.document = document;
    }

    /** Reads {@code /v3/api-docs} of the service at {@code base} and fuzzes every operation it lists. */
    public static Report run(String base, List<String> tokens) throws Exception {
        HttpResponse<String> docs = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (docs.statusCode() != 200) {
            throw new IllegalStateException("/v3/api-docs answered " + docs.statusCode());
        }
        ApiFuzz fuzz = new ApiFuzz(base, tokens, EventJson.mapper().readTree(docs.body()));
        int operations = fuzz.everyOperation();
        return new Report(operations, fuzz.requests, fuzz.statuses, fuzz.findings);
    }

    private int everyOperation() throws Exception {
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                operations++;
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(parameters::add);
                operation.getValue().path("parameters").forEach(parameters::add);
                JsonNode bodySchema = bodySchema(operation.getValue());
                fuzz(method, path.getKey(), parameters, bodySchema);
            }
        }
        return operations;
    }

    private JsonNode bodySchema(JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content");
        for (Map.Entry<String, JsonNode> type : content.properties()) {
            if (type.getKey().contains("json")) {
                return resolve(type.getValue().path("schema"));
            }
        }
        return null;
    }

    private void fuzz(String method, String path, List<JsonNode> parameters, JsonNode bodySchema) throws Exception {
        Map<String, String> valid = new LinkedHashMap<>();
        for (JsonNode parameter : parameters) {
            valid.put(parameter.path("name").asString(), validValue(resolve(parameter.path("schema"))));
        }
        JsonNode validBody = bodySchema == null ? null : validJson(bodySchema, 0);
        String operation = method + " " + path;
        send(operation, "valid", method, path, parameters, valid, validBody == null ? null : validBody.toString());

        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asString();
            for (Map.Entry<String, String> bad : badParameterValues(resolve(parameter.path("schema"))).entrySet()) {
                Map<String, String> values = new LinkedHashMap<>(valid);
                values.put(name, bad.getValue());
                send(operation, name + "=" + bad.getKey(), method, path, parameters, values,
                        validBody == null ? null : validBody.toString());
            }
        }
        if (bodySchema == null) {
            return;
        }
        for (Map.Entry<String, String> whole : Map.of("not JSON", "{\"a\":" + MARK, "an array", "[1,2]", "null",
                "null", "empty object", "{}", "a string", "\"" + MARK + "\"", "deep nesting",
                "[".repeat(5000) + "]".repeat(5000), "over the body limit",
                "{\"x\":\"" + "a".repeat(400_000) + "\"}").entrySet()) {
            send(operation, "body " + whole.getKey(), method, path, parameters, valid, whole.getValue());
        }
        if (validBody instanceof ObjectNode object) {
            mutateProperties(operation, method, path, parameters, valid, object, object, bodySchema, "");
        }
    }

    /** Each property of this object in turn takes each bad value; one level down into objects and arrays. */
    private void mutateProperties(String operation, String method, String path, List<JsonNode> parameters,
                                  Map<String, String> valid, ObjectNode whole, ObjectNode object, JsonNode schema,
                                  String where) throws Exception {
        JsonNode properties = schema.path("properties");
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String name = property.getKey();
            JsonNode propertySchema = resolve(property.getValue());
            JsonNode original = object.get(name);
            for (Map.Entry<String, JsonNode> bad : badJsonValues(propertySchema).entrySet()) {
                object.set(name, bad.getValue());
                send(operation, where + name + "=" + bad.getKey(), method, path, parameters, valid, whole.toString());
            }
            if (original == null) {
                object.remove(name);
            } else {
                object.set(name, original);
            }
            if (where.isEmpty() && original instanceof ObjectNode child) {
                mutateProperties(operation, method, path, parameters, valid, whole, child, propertySchema, name + ".");
            } else if (where.isEmpty() && original instanceof ArrayNode array && !array.isEmpty()
                    && array.get(0) instanceof ObjectNode item) {
                mutateProperties(operation, method, path, parameters, valid, whole, item,
                        resolve(propertySchema.path("items")), name + "[0].");
            }
        }
    }

    private void send(String operation, String mutation, String method, String pathTemplate, List<JsonNode> parameters,
                      Map<String, String> values, String body) throws Exception {
        String path = pathTemplate;
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asString();
            String value = values.get(name);
            String in = parameter.path("in").asString();
            if (in.equals("path")) {
                path = path.replace("{" + name + "}", encode(value).replace("+", "%20"));
            } else if (in.equals("query") && value != null) {
                query.append(query.isEmpty() ? '?' : '&').append(encode(name)).append('=').append(encode(value));
            }
        }
        for (String token : tokens) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path + query))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                // the server may close the connection after refusing a body over the limit before reading it
                if (body != null && body.length() > 300_000) {
                    requests++;
                    continue;
                }
                throw e;
            }
            requests++;
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (status >= 500) {
                findings.add(new Finding(operation, mutation, status, "server error"));
            } else if (status >= 400 && !contentType.startsWith("application/problem+json")) {
                findings.add(new Finding(operation, mutation, status, "not problem+json but " + contentType));
            } else if (status >= 400 && response.body().contains(MARK)) {
                findings.add(new Finding(operation, mutation, status, "the answer repeats the value sent"));
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Map<String, String> badParameterValues(JsonNode schema) {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("empty", "");
        bad.put("NUL", "a\u0000" + MARK);
        bad.put("control", "\u0001\u001b" + MARK);
        bad.put("not its type", MARK + "-not-a-value");
        bad.put("huge", MARK + "x".repeat(6000));
        bad.put("unicode", MARK + "\u00fc\u540d\ud83d\ude00\u202e\ufeff");
        bad.put("lone surrogate", MARK + "\ud800");
        bad.put("negative", "-1");
        bad.put("huge number", "99999999999999999999999");
        bad.put("far date", "+999999999-12-31");
        bad.put("repeated", "month,month");
        bad.put("encoded slash", "a%2Fb");
        bad.put("dot dot", "..");
        if (schema.has("enum") || schema.path("items").has("enum")) {
            bad.put("enum ordinal", "0");
            bad.put("enum lowercase", first(schema.has("enum") ? schema : schema.path("items")).toLowerCase());
        }
        return bad;
    }

    private Map<String, JsonNode> badJsonValues(JsonNode schema) {
        Map<String, JsonNode> bad = new LinkedHashMap<>();
        bad.put("null", NODES.nullNode());
        bad.put("NUL", NODES.stringNode("a\u0000" + MARK));
        bad.put("string", NODES.stringNode(MARK));
        bad.put("number as string", NODES.stringNode("1"));
        bad.put("boolean as string", NODES.stringNode("true"));
        bad.put("number", NODES.numberNode(0));
        bad.put("fraction", NODES.numberNode(new java.math.BigDecimal("1.5")));
        bad.put("huge number", NODES.numberNode(new java.math.BigInteger("9".repeat(40))));
        bad.put("boolean", NODES.booleanNode(true));
        bad.put("object", NODES.objectNode().put(MARK, MARK));
        bad.put("array", NODES.arrayNode().add(MARK));
        bad.put("long text", NODES.stringNode(MARK + "\u540d".repeat(60_000)));
        bad.put("unicode", NODES.stringNode(MARK + "\u00fc\u540d\ud83d\ude00\u202e\ufeff\u0085"));
        bad.put("far date", NODES.stringNode("+999999999-12-31"));
        bad.put("many items", many(schema));
        if (schema.has("enum") || schema.path("items").has("enum")) {
            bad.put("unknown enum", NODES.stringNode(MARK + "_UNKNOWN"));
            bad.put("enum ordinal", NODES.numberNode(0));
        }
        if (schema.path("additionalProperties").isObject() || schema.path("additionalProperties").asBoolean(false)) {
            ObjectNode map = NODES.objectNode();
            for (int i = 0; i < 5000; i++) {
                map.put("k" + i, 1);
            }
            map.put("a\u0000" + MARK, 1);
            bad.put("huge map with NUL key", map);
        }
        return bad;
    }

    private JsonNode many(JsonNode schema) {
        ArrayNode array = NODES.arrayNode();
        JsonNode item = validJson(resolve(schema.path("items")), 1);
        for (int i = 0; i < 5000; i++) {
            array.add(item == null ? NODES.stringNode(UUID.randomUUID().toString()) : item.deepCopy());
        }
        return array;
    }

    /** A plausible value of a parameter: a real UUID, a date, the first constant of an enum. */
    private String validValue(JsonNode schema) {
        JsonNode value = validJson(schema, 0);
        if (value == null || value.isNull()) {
            return "a";
        }
        if (value.isArray()) {
            return value.isEmpty() ? "a" : value.get(0).asString();
        }
        return value.isString() ? value.asString() : value.toString();
    }

    private JsonNode validJson(JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema == null || schema.isMissingNode() || depth > 4) {
            return null;
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        for (String combinator : new String[] {"oneOf", "anyOf", "allOf"}) {
            if (schema.has(combinator)) {
                for (JsonNode branch : schema.get(combinator)) {
                    JsonNode value = validJson(branch, depth);
                    if (value != null && !value.isNull()) {
                        return value;
                    }
                }
            }
        }
        String format = schema.path("format").asString("");
        return switch (typeOf(schema)) {
            case "string" -> switch (format) {
                case "uuid" -> NODES.stringNode(UUID.randomUUID().toString());
                case "date" -> NODES.stringNode("2026-01-05");
                case "date-time" -> NODES.stringNode("2026-01-05T10:00:00Z");
                default -> NODES.stringNode(schema.has("pattern") ? "a1" : "text");
            };
            case "integer" -> NODES.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            case "number" -> NODES.numberNode(1.0);
            case "boolean" -> NODES.booleanNode(false);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                JsonNode item = validJson(schema.path("items"), depth + 1);
                if (item != null) {
                    array.add(item);
                }
                yield array;
            }
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                    JsonNode value = validJson(property.getValue(), depth + 1);
                    if (value != null) {
                        object.set(property.getKey(), value);
                    }
                }
                yield object;
            }
            default -> null;
        };
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        return schema.has("properties") ? "object" : "";
    }

    private static String first(JsonNode enumSchema) {
        return enumSchema.path("enum").path(0).asString("A");
    }

    private JsonNode resolve(JsonNode schema) {
        int hops = 0;
        while (schema != null && schema.has("$ref") && hops++ < 10) {
            String ref = schema.get("$ref").asString();
            schema = document.at(ref.substring(1));
        }
        return schema;
    }
}
