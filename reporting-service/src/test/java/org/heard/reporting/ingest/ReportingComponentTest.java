package org.heard.reporting.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
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
import org.heard.contracts.Topic;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.testing.TestKafka;
import org.heard.reporting.timeline.PersonTimeline;
import org.heard.reporting.timeline.TimelineStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.heard.contracts.testing.DockerIt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/** reporting-service against a real in-process Kafka broker and mongo-java-server, read over real HTTP. */
@ExtendWith(DockerIt.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportingComponentTest {

    private static TestMongo mongo;
    private static KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        mongo = new TestMongo();
        registry.add("heard.mongo.uri", mongo::uri);
        registry.add("heard.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("heard.kafka.group-id", () -> "reporting-test-" + UUID.randomUUID());
    }

    @BeforeAll
    static void connect() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        mongo.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    TimelineStore store;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void send(ProducerRecord<String, byte[]> record) throws Exception {
        producer.send(record).get();
    }

    private static ProducerRecord<String, byte[]> referral(String personId, String caseId, long sequence,
                                                         String eventId) {
        EventEnvelope envelope = EventEnvelope.wrap(new ReferralReceived(caseId, personId, AdvocacyType.COMMUNITY,
                        ReferralSource.SELF, LocalDate.parse("2026-01-05")), eventId, URI.create("/heard/case-service"),
                "AdvocacyCase", caseId, sequence, OffsetDateTime.parse("2026-01-05T09:00:00Z"), "c");
        return EnvelopeCodec.toRecord(Topic.CASE, envelope);
    }

    private static ProducerRecord<String, byte[]> closure(String personId, String caseId, long sequence, String day) {
        EventEnvelope envelope = EventEnvelope.wrap(new CaseClosed(caseId, personId, ClosureReason.GOALS_MET,
                        LocalDate.parse(day)), UUID.randomUUID().toString(), URI.create("/heard/case-service"),
                "AdvocacyCase", caseId, sequence, OffsetDateTime.parse(day + "T09:00:00Z"), "c");
        return EnvelopeCodec.toRecord(Topic.CASE, envelope);
    }

    @Test
    void eventsAppearOnThePersonsTimelineInTimeOrder() throws Exception {
        String person = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        send(referral(person, caseId, 0, UUID.randomUUID().toString()));
        send(closure(person, caseId, 1, "2026-02-01"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = get("/api/persons/" + person + "/timeline");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode entries = EventJson.mapper().readTree(response.body()).get("entries");
            assertThat(entries).hasSize(2);
            assertThat(entries.get(0).get("type").asString()).isEqualTo("org.heard.case.ReferralReceived.v1");
            assertThat(entries.get(0).get("data").get("advocacyType").asString()).isEqualTo("COMMUNITY");
            assertThat(entries.get(1).get("type").asString()).isEqualTo("org.heard.case.CaseClosed.v1");
        });
    }

    @Test
    void theSameRecordsDeliveredTwiceLeaveTheTimelineUnchanged() throws Exception {
        String person = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        List<ProducerRecord<String, byte[]>> records = List.of(
                referral(person, caseId, 0, UUID.randomUUID().toString()),
                closure(person, caseId, 1, "2026-02-01"));
        for (ProducerRecord<String, byte[]> record : records) {
            send(record);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> store.find(person).map(t -> t.entries().size()).orElse(0) == 2);
        PersonTimeline once = store.find(person).orElseThrow();

        for (ProducerRecord<String, byte[]> record : records) {
            send(record);
        }
        // A later event of the same aggregate, behind the duplicates on the same partition: once it is applied,
        // the duplicates have been consumed.
        send(closure(person, caseId, 2, "2026-03-01"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> store.find(person).map(t -> t.applied().get(caseId)).orElse(-1L) == 2L);

        PersonTimeline twice = store.find(person).orElseThrow();
        assertThat(twice.entries()).hasSize(3);
        assertThat(twice.entries().subList(0, 2)).isEqualTo(once.entries());
    }

    @Test
    void anUnreadableRecordIsParkedWithItsReasonAndOthersKeepFlowing() throws Exception {
        String person = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        send(new ProducerRecord<>(Topic.CASE.topicName(), person,
                "{\"name\":\"not a cloud event\"}".getBytes(StandardCharsets.UTF_8)));
        send(referral(person, caseId, 0, UUID.randomUUID().toString()));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> store.find(person).map(t -> t.entries().size()).orElse(0) == 1);

        try (KafkaConsumer<String, byte[]> dlt = TestKafka.consumer(Topic.DEAD_LETTER)) {
            List<ConsumerRecord<String, byte[]>> parked = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                TestKafka.poll(dlt, Duration.ofMillis(200)).stream().filter(r -> person.equals(r.key()))
                        .forEach(parked::add);
                assertThat(parked).hasSize(1);
            });
            ConsumerRecord<String, byte[]> record = parked.get(0);
            assertThat(new String(record.headers().lastHeader("heard.dlt.reason").value(), StandardCharsets.UTF_8))
                    .contains("not a CloudEvent").doesNotContain("not a cloud event");
            assertThat(new String(record.headers().lastHeader("heard.dlt.topic").value(), StandardCharsets.UTF_8))
                    .isEqualTo(Topic.CASE.topicName());
        }
    }

    @Test
    void anUnknownPersonIsANotFoundProblem() throws Exception {
        HttpResponse<String> response = get("/api/persons/" + UUID.randomUUID() + "/timeline");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
