package org.heard.outcomes.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.heard.contracts.Topic;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.testing.TestPostgres;
import org.heard.kit.testing.TestKeys;
import org.heard.kit.security.Caller;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.heard.contracts.testing.DockerIt;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** outcome-service publishes through the same shared publisher as case-service, to heard.outcome.v1. */
@ExtendWith(DockerIt.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AssessmentApiComponentTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestPostgres.newDatabase("outcome"));
        registry.add("heard.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        TestKeys.register(registry);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String json) throws Exception {
        return post(json, TestKeys.token(Caller.ADVOCATE));
    }

    private HttpResponse<String> post(String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/assessments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String assessment(String personId) {
        return """
                {"personId":"%s","caseId":"%s","frameworkId":"heard-empowerment","frameworkVersion":1,
                 "timepoint":"REVIEW","score":20,"completedOn":"2026-02-01"}""".formatted(personId, UUID.randomUUID());
    }

    @Test
    void everyEndpointAnswersEachRoleAsTheRulesSay() throws Exception {
        String person = UUID.randomUUID().toString();
        Map<String, Integer> expected = Map.of(Caller.ADVOCATE, 201, Caller.SERVICE_USER, 201, Caller.ANALYST, 403,
                Caller.OPERATIONS, 403, Caller.INTEGRATION, 403);
        for (Map.Entry<String, Integer> role : expected.entrySet()) {
            String token = TestKeys.token(role.getKey(), role.getKey() + "-1",
                    role.getKey().equals(Caller.SERVICE_USER) ? person : null);
            assertThat(post(assessment(person), token).statusCode()).as("POST /api/assessments as " + role.getKey())
                    .isEqualTo(role.getValue());
            assertThat(get("/actuator/prometheus", token).statusCode()).as("prometheus as " + role.getKey())
                    .isEqualTo(role.getKey().equals(Caller.OPERATIONS) ? 200 : 403);
        }
    }

    @Test
    void aServiceUserRecordsOnlyTheirOwnAssessmentsAndBadTokensAreRefused() throws Exception {
        String someoneElse = UUID.randomUUID().toString();
        assertThat(post(assessment(someoneElse), TestKeys.token(Caller.SERVICE_USER, "su", UUID.randomUUID().toString()))
                .statusCode()).isEqualTo(403);
        for (String token : new String[] {null, TestKeys.forged(Caller.ADVOCATE), TestKeys.expired(Caller.ADVOCATE),
                TestKeys.wrongAudience(Caller.ADVOCATE), TestKeys.unsigned(Caller.ADVOCATE)}) {
            assertThat(post(assessment(someoneElse), token).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void anAssessmentIsPublishedToTheOutcomeTopicKeyedByPerson() throws Exception {
        String personId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        HttpResponse<String> response = post("""
                {"personId":"%s","caseId":"%s","frameworkId":"heard-empowerment","frameworkVersion":1,
                 "timepoint":"BASELINE","score":18.5,"completedOn":"2026-02-01"}""".formatted(personId, caseId));
        assertThat(response.statusCode()).isEqualTo(201);
        String assessmentId = EventJson.mapper().readTree(response.body()).get("assessmentId").asString();

        List<EventEnvelope> published = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer(Topic.OUTCOME)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : TestKafka.poll(consumer, Duration.ofMillis(200))) {
                    if (record.key().equals(personId)) {
                        published.add(EnvelopeCodec.fromRecord(record));
                    }
                }
                assertThat(published).hasSize(1);
            });
        }
        EventEnvelope envelope = published.get(0);
        assertThat(envelope.type()).isEqualTo("org.heard.outcome.AssessmentCompleted.v1");
        assertThat(envelope.source()).hasToString("/heard/outcome-service");
        assertThat(envelope.aggregateId()).isEqualTo(assessmentId);
        AssessmentCompleted event = (AssessmentCompleted) envelope.event();
        assertThat(event.score()).isEqualByComparingTo(new BigDecimal("18.5"));
        assertThat(event.caseId()).isEqualTo(caseId);
    }

    @Test
    void anAssessmentWithoutPersonOrScoreIsAProblemNamingThoseFields() throws Exception {
        HttpResponse<String> response = post("""
                {"caseId":"%s","frameworkId":"heard-empowerment","frameworkVersion":1,
                 "timepoint":"BASELINE","completedOn":"2026-02-01"}""".formatted(UUID.randomUUID()));

        assertThat(response.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        EventJson.mapper().readTree(response.body()).get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactly("personId", "score");
    }
}
