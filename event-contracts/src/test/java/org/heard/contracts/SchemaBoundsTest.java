package org.heard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.envelope.EventSchemas;
import org.heard.contracts.testing.LargestEvents;
import org.heard.contracts.testing.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every event is bounded, far below what the broker takes in one message (1 MiB by default, Kafka's
 * {@code message.max.bytes} and the producer's {@code max.request.size}): each type's largest data its schema allows
 * is valid, reads as its record, and is published to a real broker; one step over a bound is refused by the schema.
 */
class SchemaBoundsTest {

    /** Kafka's default limit of one record, and the headroom left for the envelope's headers and the batch. */
    static final int BROKER_LIMIT = 1_048_576;
    static final int LARGEST_ALLOWED = BROKER_LIMIT / 2;

    private static final EventSchemas SCHEMAS = EventSchemas.forCatalogue();
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void connect() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void disconnect() {
        producer.close(Duration.ofSeconds(5));
    }

    @TestFactory
    List<DynamicTest> theLargestEventOfEveryTypeIsValidAndPublishable() {
        List<DynamicTest> tests = new ArrayList<>();
        for (EventType<?> type : EventCatalogue.all()) {
            tests.add(DynamicTest.dynamicTest(type.type(), () -> publishLargest(type)));
        }
        return tests;
    }

    private void publishLargest(EventType<?> type) throws Exception {
        JsonNode largest = LargestEvents.of(type);
        assertThat(SCHEMAS.validate(type, largest)).as("the largest %s against its schema", type.type()).isEmpty();
        byte[] data = EventJson.mapper().writeValueAsBytes(largest);
        HeardEvent event = EventJson.fromBytes(type, data);
        EventEnvelope envelope = EventEnvelope.wrap(event, UUID.randomUUID().toString(),
                java.net.URI.create("/heard/case-service"), "AdvocacyCase", UUID.randomUUID().toString(),
                Long.MAX_VALUE, java.time.OffsetDateTime.parse("2026-12-31T23:59:59.999999999+01:00"),
                UUID.randomUUID().toString());
        ProducerRecord<String, byte[]> record = EnvelopeCodec.toRecord(type.topic(), envelope);
        int headers = 0;
        for (org.apache.kafka.common.header.Header header : record.headers()) {
            headers += header.key().length() + header.value().length;
        }
        int size = record.value().length + headers + record.key().length();
        System.out.printf("largest %s: %,d bytes%n", type.type(), size);
        assertThat(size).as("the largest %s on the wire", type.type()).isLessThan(LARGEST_ALLOWED);
        RecordMetadata sent = producer.send(record).get(20, TimeUnit.SECONDS);
        assertThat(sent.offset()).isGreaterThanOrEqualTo(0);
    }

    @TestFactory
    List<DynamicTest> oneStepOverABoundIsRefused() {
        List<DynamicTest> tests = new ArrayList<>();
        for (EventType<?> type : EventCatalogue.all()) {
            tests.add(DynamicTest.dynamicTest(type.type(), () -> {
                JsonNode largest = LargestEvents.of(type);
                List<String> stepped = new ArrayList<>();
                overEveryBound(largest, largest, "", type, stepped);
                assertThat(stepped).as("fields of %s stepped over their bound", type.type()).isNotEmpty();
            }));
        }
        return tests;
    }

    /**
     * For each string, array and object of the largest event (the first item of an array of objects standing for
     * all): one more character, item or entry breaks the schema. Free text must break it by its length.
     */
    private void overEveryBound(JsonNode whole, JsonNode node, String where, EventType<?> type, List<String> stepped) {
        if (node instanceof ObjectNode object) {
            for (String name : new ArrayList<>(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (value.isString()) {
                    String original = value.asString();
                    object.put(name, original + original.charAt(original.length() - 1));
                    List<com.networknt.schema.Error> errors = SCHEMAS.validate(type, whole);
                    assertThat(errors).as("%s%s one character longer", where, name).isNotEmpty();
                    if (original.chars().allMatch(c -> c == 1)) {
                        assertThat(errors).as("%s%s (free text) one character longer", where, name)
                                .anyMatch(e -> "maxLength".equals(e.getKeyword()));
                    }
                    object.put(name, original);
                    stepped.add(where + name);
                } else if (value instanceof ArrayNode array && !array.isEmpty()) {
                    JsonNode last = array.get(array.size() - 1);
                    array.add(last.isString() && last.asString().length() == 36
                            ? tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(UUID.randomUUID().toString())
                            : last.deepCopy());
                    assertThat(SCHEMAS.validate(type, whole)).as("%s%s with one more item", where, name).isNotEmpty();
                    array.remove(array.size() - 1);
                    stepped.add(where + name + "[]");
                    if (array.get(0).isObject()) {
                        overEveryBound(whole, array.get(0), where + name + "[0].", type, stepped);
                    }
                } else if (value instanceof ObjectNode child) {
                    String extra = "x".repeat(3);
                    child.set(extra, child.isEmpty() ? tools.jackson.databind.node.JsonNodeFactory.instance.nullNode()
                            : child.get(child.propertyNames().iterator().next()).deepCopy());
                    assertThat(SCHEMAS.validate(type, whole)).as("%s%s with one more entry", where, name).isNotEmpty();
                    child.remove(extra);
                    stepped.add(where + name + ".*");
                    overEveryBound(whole, child, where + name + ".", type, stepped);
                }
            }
        }
    }
}
