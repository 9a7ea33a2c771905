package org.heard.contracts.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks Kafka records against the AsyncAPI document itself, the way a third-party tool reading it would: the record's
 * topic names a channel by its {@code address}; the channel's message is the one whose {@code name} is the record's
 * {@code ce_type} header (or the channel's only message); its traits are merged in; then the record key is checked
 * against the message's Kafka binding {@code key} schema, the headers (UTF-8 strings) against its {@code headers}
 * schema, and the value against its {@code payload} schema, followed through its {@code $ref} to the shipped file.
 * Only {@code schemaFormat} draft-07 is accepted, because that is what the AsyncAPI tools check.
 */
public final class AsyncApiRecords {

    private static final String DRAFT_07 = "application/schema+json;version=draft-07";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode doc;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private final Map<String, Schema> compiled = new HashMap<>();

    private AsyncApiRecords(JsonNode doc) {
        this.doc = doc;
    }

    /** The document shipped in event-contracts ({@code contracts/asyncapi.yaml}). */
    public static AsyncApiRecords shipped() {
        return new AsyncApiRecords(new YAMLMapper().readTree(read("contracts/asyncapi.yaml")));
    }

    /** The channel addresses of the document. */
    public List<String> addresses() {
        List<String> addresses = new ArrayList<>();
        doc.get("channels").forEach(channel -> addresses.add(channel.get("address").asString()));
        return addresses;
    }

    /** What is wrong with the record according to the document; empty when it is true to it. */
    public List<String> problems(ConsumerRecord<String, byte[]> record) {
        List<String> problems = new ArrayList<>();
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        JsonNode channel = null;
        for (JsonNode candidate : doc.get("channels")) {
            if (candidate.get("address").asString().equals(record.topic())) {
                channel = candidate;
            }
        }
        if (channel == null) {
            return List.of(where + ": no channel has this address");
        }
        ObjectNode headers = JsonNodeFactory.instance.objectNode();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        String ceType = headers.has("ce_type") ? headers.get("ce_type").asString() : null;
        List<JsonNode> messages = new ArrayList<>();
        channel.get("messages").forEach(ref -> messages.add(resolve(ref)));
        JsonNode message = null;
        for (JsonNode candidate : messages) {
            if (candidate.path("name").asString("").equals(ceType)) {
                message = candidate;
            }
        }
        if (message == null && messages.size() == 1) {
            message = messages.get(0);
        }
        if (message == null) {
            return List.of(where + ": no message of the channel is named " + ceType);
        }
        message = withTraits(message);
        String name = message.path("name").asString();

        JsonNode keySchema = message.path("bindings").path("kafka").path("key");
        if (keySchema.isMissingNode()) {
            problems.add(where + " " + name + ": the message documents no Kafka key");
        } else {
            JsonNode key = record.key() == null ? JsonNodeFactory.instance.nullNode()
                    : JsonNodeFactory.instance.stringNode(record.key());
            check(keySchema, key, where + " " + name + " key", problems);
        }

        JsonNode headersSchema = message.path("headers");
        if (headersSchema.isMissingNode()) {
            problems.add(where + " " + name + ": the message documents no headers");
        } else {
            check(schemaOf(headersSchema, where + " " + name + " headers", problems), headers,
                    where + " " + name + " headers", problems);
        }

        JsonNode payloadSchema = schemaOf(message.path("payload"), where + " " + name + " payload", problems);
        String contentType = message.path("contentType").asString(doc.path("defaultContentType").asString());
        if ("application/json".equals(contentType)) {
            JsonNode value;
            try {
                value = record.value() == null ? null : JSON.readTree(record.value());
            } catch (RuntimeException e) {
                problems.add(where + " " + name + ": value is not JSON");
                return problems;
            }
            if (value == null) {
                problems.add(where + " " + name + ": no value");
            } else {
                check(payloadSchema, value, where + " " + name + " payload", problems);
            }
            // dataschema names the very schema the document gives for the payload
            if (headers.has("ce_dataschema") && !headers.get("ce_dataschema").asString()
                    .equals(payloadSchema.path("$id").asString())) {
                problems.add(where + " " + name + ": ce_dataschema is not the $id of the payload schema");
            }
        }
        return problems;
    }

    /** A schema as the document holds it: a Multi Format Schema (draft-07 only) or a plain schema, refs followed. */
    private JsonNode schemaOf(JsonNode node, String what, List<String> problems) {
        if (node.has("schemaFormat")) {
            if (!DRAFT_07.equals(node.get("schemaFormat").asString())) {
                problems.add(what + ": schemaFormat " + node.get("schemaFormat").asString() + " is not checked by the tools");
            }
            return resolve(node.get("schema"));
        }
        return resolve(node);
    }

    private void check(JsonNode schema, JsonNode instance, String what, List<String> problems) {
        Schema validator = compiled.computeIfAbsent(schema.toString(), text -> registry.getSchema(schema));
        validator.validate(instance).forEach(error -> problems.add(what + ": " + error.getMessage()));
    }

    /** Follows a {@code $ref} inside the document ({@code #/...}) or to a file beside it ({@code ./...}). */
    private JsonNode resolve(JsonNode node) {
        if (node == null || !node.has("$ref")) {
            return node;
        }
        String ref = node.get("$ref").asString();
        if (ref.startsWith("#/")) {
            return resolve(doc.at(ref.substring(1)));
        }
        if (ref.startsWith("./")) {
            return JSON.readTree(read("contracts/" + ref.substring(2)));
        }
        throw new IllegalStateException("unsupported $ref " + ref);
    }

    /** The message with its traits merged in order (JSON Merge Patch); the message's own fields win. */
    private JsonNode withTraits(JsonNode message) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        for (JsonNode trait : message.path("traits")) {
            merge(merged, resolve(trait));
        }
        ObjectNode own = (ObjectNode) message.deepCopy();
        own.remove("traits");
        merge(merged, own);
        return merged;
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        patch.properties().forEach(e -> {
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode object && e.getValue().isObject()) {
                merge(object, e.getValue());
            } else if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    private static String read(String path) {
        try (InputStream in = AsyncApiRecords.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing contract file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
