package org.heard.cases.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.heard.contracts.Topic;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.heard.contracts.testing.DockerIt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * case-service over real HTTP, with its event store in a real PostgreSQL and its events on a real Kafka broker.
 */
@ExtendWith(DockerIt.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseApiComponentTest {

    private static KafkaConsumer<String, byte[]> consumer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestPostgres.newDatabase("case"));
        registry.add("heard.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    @BeforeAll
    static void subscribe() {
        consumer = TestKafka.consumer(Topic.CASE);
    }

    @AfterAll
    static void close() {
        consumer.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aReferralIsStoredInPostgresAndPublishedAsACloudEventKeyedByPerson() throws Exception {
        HttpResponse<String> created = post("/api/cases", """
                {"advocacyType":"IMHA","referralSource":"PROFESSIONAL","referredOn":"2026-01-05"}""");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = EventJson.mapper().readTree(created.body());
        String caseId = body.get("caseId").asString();
        String personId = body.get("personId").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/cases/" + caseId);

        assertThat(post("/api/cases/" + caseId + "/close", """
                {"reason":"GOALS_MET","closedOn":"2026-02-01"}""").statusCode()).isEqualTo(204);

        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, caseId)).isEqualTo(2L);

        List<EventEnvelope> published = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (ConsumerRecord<String, byte[]> record : TestKafka.poll(consumer, Duration.ofMillis(200))) {
                EventEnvelope envelope = EnvelopeCodec.fromRecord(record);
                if (envelope.aggregateId().equals(caseId)) {
                    assertThat(record.key()).isEqualTo(personId);
                    published.add(envelope);
                }
            }
            assertThat(published).hasSize(2);
        });
        assertThat(published.get(0).type()).isEqualTo("org.heard.case.ReferralReceived.v1");
        assertThat(published.get(0).sequence()).isZero();
        assertThat(published.get(0).source()).hasToString("/heard/case-service");
        assertThat(published.get(0).subject()).isEqualTo("AdvocacyCase/" + caseId);
        assertThat(published.get(0).correlationId()).isNotBlank();
        assertThat(published.get(0).event()).isInstanceOf(ReferralReceived.class);
        assertThat(published.get(1).type()).isEqualTo("org.heard.case.CaseClosed.v1");
        assertThat(published.get(1).sequence()).isEqualTo(1);
        assertThat(((CaseClosed) published.get(1).event()).personId()).isEqualTo(personId);

        // The publisher's position is kept in PostgreSQL beside the events.
        assertThat(jdbc.queryForObject("select count(*) from token_entry where processor_name = 'kafka-publisher'",
                Long.class)).isEqualTo(1L);
    }

    @Test
    void aMalformedReferralIsAProblemNamingEachField() throws Exception {
        HttpResponse<String> response = post("/api/cases", """
                {"referralSource":"PROFESSIONAL","referredOn":"2999-01-01"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = EventJson.mapper().readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactly("advocacyType", "referredOn");
        assertThat(problem.get("detail").asString()).contains("advocacyType").contains("referredOn");
    }

    @Test
    void aValueOfTheWrongKindIsAProblemNamingTheField() throws Exception {
        HttpResponse<String> response = post("/api/cases", """
                {"advocacyType":"PSYCHIC","referralSource":"SELF","referredOn":"2026-01-05"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = EventJson.mapper().readTree(response.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("advocacyType");
        assertThat(response.body()).doesNotContain("PSYCHIC");
    }

    @Test
    void closingAnUnknownCaseIsNotFound() throws Exception {
        HttpResponse<String> response = post("/api/cases/11111111-2222-4333-8444-555555555555/close", """
                {"reason":"OTHER","closedOn":"2026-01-05"}""");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void closingAClosedCaseIsAConflict() throws Exception {
        String caseId = EventJson.mapper().readTree(post("/api/cases", """
                {"advocacyType":"CAMHS","referralSource":"SELF","referredOn":"2026-01-05"}""").body())
                .get("caseId").asString();
        assertThat(post("/api/cases/" + caseId + "/close", """
                {"reason":"PERSON_WITHDREW","closedOn":"2026-01-06"}""").statusCode()).isEqualTo(204);

        HttpResponse<String> again = post("/api/cases/" + caseId + "/close", """
                {"reason":"OTHER","closedOn":"2026-01-07"}""");

        assertThat(again.statusCode()).isEqualTo(409);
        JsonNode problem = EventJson.mapper().readTree(again.body());
        assertThat(problem.get("rule").asString()).isEqualTo("case-already-closed");
    }
}
