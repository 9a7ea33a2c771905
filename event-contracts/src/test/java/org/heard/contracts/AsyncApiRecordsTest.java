package org.heard.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.testing.AsyncApiRecords;
import org.heard.contracts.testing.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document read as a third-party tool would, against records that went through a real broker: one record
 * of every catalogue type as the publisher writes it is true to the document, and records that break it in the ways
 * the document used to be wrong (key, headers, payload) are caught. The services' own records are checked the same
 * way in their component tests.
 */
class AsyncApiRecordsTest {

    private static final AsyncApiRecords DOCUMENT = AsyncApiRecords.shipped();
    private static KafkaProducer<String, byte[]> producer;
    private static final String RUN = UUID.randomUUID().toString();

    @BeforeAll
    static void connect() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void everyChannelIsAHeardTopicAndTheDeadLetterTopicIsDescribed() {
        assertThat(DOCUMENT.addresses()).allSatisfy(Topic::byName)
                .contains(Topic.CASE.topicName(), Topic.INVOLVEMENT.topicName(), Topic.OUTCOME.topicName(),
                        Topic.DEAD_LETTER.topicName());
    }

    @Test
    void aRecordOfEveryCatalogueTypeAsPublishedIsTrueToTheDocument() throws Exception {
        List<ProducerRecord<String, byte[]>> sent = new ArrayList<>();
        long sequence = 0;
        for (EventType<?> type : EventCatalogue.all()) {
            sent.add(EnvelopeCodec.toRecord(type.topic(), envelope(Samples.of(type), sequence++)));
        }
        List<ConsumerRecord<String, byte[]>> read = roundTrip(sent);

        assertThat(read).hasSize(EventCatalogue.all().size());
        for (ConsumerRecord<String, byte[]> record : read) {
            assertThat(DOCUMENT.problems(record)).as(header(record, "ce_type")).isEmpty();
            assertThat(header(record, "ce_dataschema")).startsWith(EventType.DATA_SCHEMA_PREFIX);
        }
    }

    @Test
    void aSystemicIssueEventKeyedByAFrameworkIdBreaksTheDocument() throws Exception {
        ProducerRecord<String, byte[]> good = EnvelopeCodec.toRecord(Topic.OUTCOME,
                envelope(Samples.SYSTEMIC_ISSUE_LOGGED, 0));
        ProducerRecord<String, byte[]> frameworkKeyed = new ProducerRecord<>(good.topic(), null, "heard-empowerment",
                good.value(), good.headers());

        assertThat(DOCUMENT.problems(roundTrip(List.of(frameworkKeyed)).get(0))).singleElement().asString()
                .contains("SystemicIssueLogged.v1 key");
    }

    @Test
    void aPersonEventKeyedByAFrameworkIdBreaksTheDocument() throws Exception {
        ProducerRecord<String, byte[]> good = EnvelopeCodec.toRecord(Topic.CASE, envelope(Samples.CASE_CLOSED, 0));
        ProducerRecord<String, byte[]> frameworkKeyed = new ProducerRecord<>(good.topic(), null, "heard-empowerment",
                good.value(), good.headers());

        assertThat(DOCUMENT.problems(roundTrip(List.of(frameworkKeyed)).get(0))).singleElement().asString()
                .contains("CaseClosed.v1 key");
    }

    @Test
    void aMissingCloudEventsHeaderAWrongDataschemaAndABadPayloadAreEachCaught() throws Exception {
        ProducerRecord<String, byte[]> good = EnvelopeCodec.toRecord(Topic.CASE, envelope(Samples.CASE_CLOSED, 0));
        ProducerRecord<String, byte[]> noId = copy(good, good.value());
        noId.headers().remove("ce_id");
        ProducerRecord<String, byte[]> wrongSchema = copy(good, good.value());
        wrongSchema.headers().remove("ce_dataschema");
        wrongSchema.headers().add("ce_dataschema", "urn:heard:schema:org.heard.case.ReferralReceived.v1"
                .getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> extraField = copy(good, new String(good.value(), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"nameInClear\":\"x\",").getBytes(StandardCharsets.UTF_8));

        List<ConsumerRecord<String, byte[]>> read = roundTrip(List.of(noId, wrongSchema, extraField));

        assertThat(DOCUMENT.problems(read.get(0))).singleElement().asString().contains("headers").contains("ce_id");
        assertThat(DOCUMENT.problems(read.get(1))).singleElement().asString().contains("ce_dataschema");
        assertThat(DOCUMENT.problems(read.get(2))).singleElement().asString().contains("payload");
    }

    @Test
    void aParkedRecordIsTrueToTheDeadLetterChannelAndOneWithoutItsReasonIsNot() throws Exception {
        ProducerRecord<String, byte[]> parked = new ProducerRecord<>(Topic.DEAD_LETTER.topicName(), Samples.PERSON_ID,
                "not json".getBytes(StandardCharsets.UTF_8));
        parked.headers().add("ce_type", "org.heard.case.CaseClosed.v1".getBytes(StandardCharsets.UTF_8));
        parked.headers().add("heard.dlt.topic", Topic.CASE.topicName().getBytes(StandardCharsets.UTF_8));
        parked.headers().add("heard.dlt.partition", "2".getBytes(StandardCharsets.UTF_8));
        parked.headers().add("heard.dlt.offset", "41".getBytes(StandardCharsets.UTF_8));
        parked.headers().add("heard.dlt.consumer", "reporting".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> noReason = copy(parked, parked.value());
        parked.headers().add("heard.dlt.reason", "data is not JSON".getBytes(StandardCharsets.UTF_8));

        List<ConsumerRecord<String, byte[]>> read = roundTrip(List.of(parked, noReason));

        assertThat(DOCUMENT.problems(read.get(0))).isEmpty();
        assertThat(DOCUMENT.problems(read.get(1))).singleElement().asString().contains("heard.dlt.reason");
    }

    private static EventEnvelope envelope(HeardEvent event, long sequence) {
        return EventEnvelope.wrap(event, UUID.randomUUID().toString(), URI.create("/heard/contract-test"),
                "Sample", RUN, sequence, OffsetDateTime.parse("2026-03-02T10:15:30Z"), "corr-" + RUN);
    }

    private static ProducerRecord<String, byte[]> copy(ProducerRecord<String, byte[]> record, byte[] value) {
        ProducerRecord<String, byte[]> copy = new ProducerRecord<>(record.topic(), record.key(), value);
        record.headers().forEach(h -> copy.headers().add(h.key(), h.value()));
        return copy;
    }

    /** Sends the records, tagged with this run, and reads exactly them back off the broker in the order sent. */
    private static List<ConsumerRecord<String, byte[]>> roundTrip(List<ProducerRecord<String, byte[]>> records)
            throws Exception {
        String batch = UUID.randomUUID().toString();
        for (ProducerRecord<String, byte[]> record : records) {
            record.headers().add("test.batch", batch.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer(Topic.values())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                TestKafka.poll(consumer, Duration.ofMillis(200)).stream()
                        .filter(r -> batch.equals(header(r, "test.batch"))).forEach(read::add);
                return read.size() >= records.size();
            });
        }
        // several topics: put them back in the order they were sent (the batch header is not part of the contract)
        List<ConsumerRecord<String, byte[]>> ordered = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : records) {
            read.stream().filter(r -> r.topic().equals(record.topic()) && java.util.Arrays.equals(r.value(), record.value())
                    && java.util.Objects.equals(r.key(), record.key()) && sameHeaders(r, record) && !ordered.contains(r))
                    .findFirst().ifPresent(ordered::add);
        }
        return ordered;
    }

    private static boolean sameHeaders(ConsumerRecord<String, byte[]> read, ProducerRecord<String, byte[]> sent) {
        return java.util.Arrays.equals(read.headers().toArray(), sent.headers().toArray());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
