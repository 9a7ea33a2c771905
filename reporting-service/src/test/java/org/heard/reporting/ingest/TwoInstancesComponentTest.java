package org.heard.reporting.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.heard.contracts.EventCatalogue;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.testing.DockerIt;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.heard.reporting.ReportingServiceApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/**
 * Two reporting-service instances in one consumer group, one broker, one store: each consumes some of the partitions,
 * yet both answer every cohort query over all people, the same as one instance would; and when one rebuilds, the
 * other follows the switch and neither loses an event.
 *
 * <p>The broker is the test JVM's shared one and the instances read its topics from the start, so they also apply
 * whatever referrals the test classes before this one left there (and the dead-letter records those classes parked,
 * which another class's API fuzz replays). The people counted here are therefore only this test's own: referred by a
 * provider no other test names, and counted with that provider as the filter.
 */
@ExtendWith(DockerIt.class)
class TwoInstancesComponentTest {

    private static final String GROUP = "reporting-two-" + UUID.randomUUID();
    /** The provider of this test's referrals, and the filter of its counts. */
    private static final String PROVIDER = "provider-two-instances";
    private static TestMongo mongo;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static KafkaProducer<String, byte[]> producer;
    private final HttpClient http = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext start() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("heard.mongo.uri", mongo.uri());
        properties.put("heard.kafka.bootstrap-servers", TestKafka.bootstrapServers());
        properties.put("heard.kafka.group-id", GROUP);
        properties.put("heard.kafka.follow-peers-every", "500ms");
        TestKeys.properties().forEach(properties::put);
        // as command-line arguments: they outrank the application's own properties
        return new SpringApplicationBuilder(ReportingServiceApplication.class).run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @BeforeAll
    static void startTwo() {
        mongo = new TestMongo();
        first = start();
        second = start();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        mongo.close();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private HttpResponse<String> get(ConfigurableApplicationContext instance, String path, String token)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(instance) + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(ConfigurableApplicationContext instance, String path, String token)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(instance) + path))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void refer(int people, AdvocacyType type) throws Exception {
        for (int i = 0; i < people; i++) {
            String person = UUID.randomUUID().toString();
            String caseId = UUID.randomUUID().toString();
            EventEnvelope envelope = EventEnvelope.wrap(new ReferralReceived(caseId, person, type, ReferralSource.SELF,
                    LocalDate.parse("2026-05-04"), null, null, null, null, PROVIDER), UUID.randomUUID().toString(),
                    URI.create("/heard/case-service"), "AdvocacyCase", caseId, 0,
                    OffsetDateTime.parse("2026-05-04T09:00:00Z"), null);
            producer.send(EnvelopeCodec.toRecord(EventCatalogue.REFERRAL_RECEIVED.topic(), envelope)).get();
        }
    }

    /** The people of each advocacy type referred by this test's provider, as an instance publishes them. */
    private Map<String, String> people(ConfigurableApplicationContext instance) throws Exception {
        JsonNode rows = EventJson.mapper().readTree(get(instance, "/api/impact/cohorts?groupBy=advocacyType&provider="
                + PROVIDER, TestKeys.token(Caller.ANALYST)).body());
        Map<String, String> people = new HashMap<>();
        rows.forEach(row -> people.put(row.get("group").get("advocacyType").asString(),
                row.get("people").asString()));
        return people;
    }

    @Test
    void bothInstancesAnswerForEveryPersonAndFollowARebuildByEitherOfThem() throws Exception {
        refer(30, AdvocacyType.IMHA);
        refer(20, AdvocacyType.CAMHS);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(people(first)).isEqualTo(Map.of("IMHA", "30", "CAMHS", "20"));
            assertThat(people(second)).isEqualTo(Map.of("IMHA", "30", "CAMHS", "20"));
        });

        String operations = TestKeys.token(Caller.OPERATIONS);
        int generation = EventJson.mapper().readTree(get(first, "/api/operations/projections", operations).body())
                .get("liveGeneration").asInt();
        assertThat(post(first, "/api/operations/projections/rebuild", operations).statusCode()).isEqualTo(202);
        refer(10, AdvocacyType.IMHA); // while the rebuild runs, some for each instance's partitions

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (ConfigurableApplicationContext instance : List.of(first, second)) {
                JsonNode view = EventJson.mapper().readTree(get(instance, "/api/operations/projections", operations)
                        .body());
                assertThat(view.get("liveGeneration").asInt()).isEqualTo(generation + 1);
            }
        });
        refer(5, AdvocacyType.CAMHS);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(people(first)).isEqualTo(Map.of("IMHA", "40", "CAMHS", "25"));
            assertThat(people(second)).isEqualTo(Map.of("IMHA", "40", "CAMHS", "25"));
        });
    }
}
