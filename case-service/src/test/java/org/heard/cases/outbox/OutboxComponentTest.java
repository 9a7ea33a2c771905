package org.heard.cases.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.heard.contracts.Topic;
import org.heard.contracts.envelope.EventJson;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.heard.kit.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The outbox of case-service seen by operations while its Kafka broker is stopped: the events accepted meanwhile are
 * stored and counted as pending, the oldest one ages, and both go back to zero once the broker is back and has
 * acknowledged them. The broker is this test's own (the shared one serves other test classes); Kafka's test kit
 * keeps its port bound across the restart, so the service finds it again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "heard.kafka.create-topics=false", "heard.outbox.measure-every=200ms", "heard.kafka.retry-backoff-max=500ms"})
// its broker is gone after the class: close the context too, or its publisher keeps retrying beside later classes
@org.springframework.test.annotation.DirtiesContext
class OutboxComponentTest {

    private static final EmbeddedKafkaKraftBroker BROKER = startBroker();
    private static final String REFERRAL = """
            {"advocacyType":"IMHA","referralSource":"PROFESSIONAL","referredOn":"2026-01-05"}""";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestPostgres.newDatabase("outbox"));
        registry.add("heard.kafka.bootstrap-servers", BROKER::getBrokersAsString);
        TestKeys.register(registry);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stopBroker() {
        BROKER.destroy();
    }

    @Test
    void theOutboxGrowsWhileKafkaIsDownAndDrainsWhenItIsBack() throws Exception {
        List<String> cases = new ArrayList<>();
        cases.add(refer());
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox().get("pendingEvents").asLong() == 0);

        BROKER.getCluster().brokers().values().forEach(kafka.server.BrokerServer::shutdown);
        Instant stopped = Instant.now();
        for (int i = 0; i < 3; i++) {
            cases.add(refer());
        }

        JsonNode grown = outbox();
        assertThat(grown.get("pendingEvents").asLong()).as("events stored while Kafka is down").isGreaterThanOrEqualTo(3);
        assertThat(grown.get("headGlobalIndex").asLong() - grown.get("publishedThrough").asLong())
                .isGreaterThanOrEqualTo(grown.get("pendingEvents").asLong());
        assertThat(Instant.parse(grown.get("oldestPendingStoredAt").asString())).isAfterOrEqualTo(stopped.minusSeconds(1));
        long pending = grown.get("pendingEvents").asLong();
        cases.add(refer());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode now = outbox();
            assertThat(now.get("pendingEvents").asLong()).as("one more referral").isGreaterThan(pending);
            assertThat(now.get("oldestPendingAgeSeconds").asDouble()).as("the oldest ages").isGreaterThan(1.0);
            assertThat(gauge("heard_outbox_pending_events")).isEqualTo(now.get("pendingEvents").asDouble());
            assertThat(gauge("heard_outbox_oldest_age_seconds")).isGreaterThan(1.0);
        });

        BROKER.getCluster().brokers().values().forEach(kafka.server.BrokerServer::startup);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode drained = outbox();
            assertThat(drained.get("pendingEvents").asLong()).isZero();
            assertThat(drained.get("oldestPendingAgeSeconds").asDouble()).isZero();
            assertThat(drained.get("oldestPendingStoredAt").isNull()).isTrue();
            assertThat(drained.get("publishedThrough").asLong()).isEqualTo(drained.get("headGlobalIndex").asLong());
            assertThat(gauge("heard_outbox_pending_events")).isZero();
            assertThat(gauge("heard_outbox_oldest_age_seconds")).isZero();
        });
        assertThat(casesOnKafka(cases)).as("every referral reached Kafka").containsAll(cases);
    }

    @Test
    void onlyOperationsSeeTheOutbox() throws Exception {
        for (String role : List.of(Caller.ADVOCATE, Caller.SERVICE_USER, Caller.ANALYST, Caller.INTEGRATION)) {
            assertThat(get("/api/operations/outbox", TestKeys.token(role)).statusCode()).as(role).isEqualTo(403);
        }
        assertThat(get("/api/operations/outbox", null).statusCode()).isEqualTo(401);
    }

    /** Registers a person, refers them and returns the case's id. */
    private String refer() throws Exception {
        String integration = TestKeys.token(Caller.INTEGRATION);
        HttpResponse<String> registered = post("/api/persons", "{\"name\":\"Outbox Synthetic\"}", integration);
        assertThat(registered.statusCode()).isEqualTo(201);
        String person = EventJson.mapper().readTree(registered.body()).get("personId").asString();
        HttpResponse<String> referred = post("/api/cases", "{\"personId\":\"" + person + "\","
                + REFERRAL.strip().substring(1), integration);
        assertThat(referred.statusCode()).as(referred.body()).isEqualTo(201);
        return EventJson.mapper().readTree(referred.body()).get("caseId").asString();
    }

    private JsonNode outbox() throws Exception {
        HttpResponse<String> response = get("/api/operations/outbox", TestKeys.token(Caller.OPERATIONS));
        assertThat(response.statusCode()).isEqualTo(200);
        return EventJson.mapper().readTree(response.body());
    }

    private double gauge(String name) throws Exception {
        String scrape = get("/actuator/prometheus", TestKeys.token(Caller.OPERATIONS)).body();
        return scrape.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in the scrape"));
    }

    /** The aggregate (case) ids of the records on the case topic. */
    private List<String> casesOnKafka(List<String> expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topic.CASE.topicName()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    org.apache.kafka.common.header.Header id = record.headers().lastHeader("ce_aggregateid");
                    if (id != null) {
                        keys.add(new String(id.value(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                });
                return keys.containsAll(expected);
            });
        }
        return keys;
    }

    private HttpResponse<String> post(String path, String json, String token) throws Exception {
        return http.send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static EmbeddedKafkaKraftBroker startBroker() {
        String[] topics = java.util.Arrays.stream(Topic.values()).map(Topic::topicName).toArray(String[]::new);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, topics);
        broker.afterPropertiesSet();
        return broker;
    }
}
