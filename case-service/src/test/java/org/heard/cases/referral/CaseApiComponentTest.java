package org.heard.cases.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.heard.contracts.Topic;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.testing.TestKeys;
import org.heard.kit.security.Caller;
import org.heard.cases.CaseServiceTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/** The referral slice of case-service: stored in PostgreSQL, published to Kafka, problems for bad input. */
class CaseApiComponentTest extends CaseServiceTestBase {

    private static KafkaConsumer<String, byte[]> consumer;

    @BeforeAll
    static void subscribe() {
        consumer = TestKafka.consumerFromNow(Topic.CASE);
    }

    @AfterAll
    static void close() {
        consumer.close();
    }

    @Autowired
    JdbcTemplate jdbc;

    private final String advocate = "advocate-" + UUID.randomUUID();
    private final String token = TestKeys.token(Caller.ADVOCATE, advocate, null);

    private String refer(String json) throws Exception {
        HttpResponse<String> created = post("/api/cases", forNewPerson(json), token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String caseId = json(created).get("caseId").asString();
        assertThat(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"2026-01-06\"}", token).statusCode())
                .isEqualTo(204);
        assertThat(post("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + advocate + "\"}", token)
                .statusCode()).isEqualTo(204);
        return caseId;
    }

    @Test
    void aReferralIsStoredInPostgresAndPublishedAsACloudEventKeyedByPerson() throws Exception {
        HttpResponse<String> created = post("/api/cases", forNewPerson("""
                {"advocacyType":"IMHA","referralSource":"PROFESSIONAL","referredOn":"2026-01-05",
                 "reason":"I want to be listened to about my medication"}"""), token);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = json(created);
        String caseId = body.get("caseId").asString();
        String personId = body.get("personId").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/cases/" + caseId);
        assertThat(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"2026-01-06\"}", token).statusCode())
                .isEqualTo(204);
        assertThat(post("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + advocate + "\"}", token)
                .statusCode()).isEqualTo(204);

        assertThat(post("/api/cases/" + caseId + "/close", """
                {"reason":"GOALS_MET","closedOn":"2026-02-01"}""", token).statusCode()).isEqualTo(204);

        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, caseId)).isEqualTo(4L);

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        List<EventEnvelope> published = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (ConsumerRecord<String, byte[]> record : TestKafka.poll(consumer, Duration.ofMillis(200))) {
                EventEnvelope envelope = EnvelopeCodec.fromRecord(record);
                if (envelope.aggregateId().equals(caseId)) {
                    assertThat(record.key()).isEqualTo(personId);
                    records.add(record);
                    published.add(envelope);
                }
            }
            assertThat(published).hasSize(4);
        });
        assertThat(published.get(0).type()).isEqualTo("org.heard.case.ReferralReceived.v1");
        assertThat(published.get(0).sequence()).isZero();
        assertThat(published.get(0).source()).hasToString("/heard/case-service");
        assertThat(published.get(0).subject()).isEqualTo("AdvocacyCase/" + caseId);
        assertThat(published.get(0).correlationId()).isNotBlank();
        assertThat(((ReferralReceived) published.get(0).event()).reason()).isNotNull();
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).doesNotContain("medication");
        assertThat(published.get(1).type()).isEqualTo("org.heard.case.ReferralAccepted.v1");
        assertThat(published.get(2).type()).isEqualTo("org.heard.case.AdvocateAssigned.v1");
        assertThat(published.get(3).type()).isEqualTo("org.heard.case.CaseClosed.v1");
        assertThat(published.get(3).sequence()).isEqualTo(3);
        assertThat(((CaseClosed) published.get(3).event()).personId()).isEqualTo(personId);

        // The publisher's position is kept in PostgreSQL beside the events.
        assertThat(jdbc.queryForObject("select count(*) from token_entry where processor_name = 'kafka-publisher'",
                Long.class)).isEqualTo(1L);
    }

    @Test
    void theAdvocateReadsTheCaseWithThePersonsWordsUnsealed() throws Exception {
        String caseId = refer("""
                {"advocacyType":"CAMHS","referralSource":"SELF","referredOn":"2026-01-05",
                 "reason":"school meetings about me happen without me"}""");

        HttpResponse<String> view = get("/api/cases/" + caseId, token);

        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(json(view).get("reason").asString()).isEqualTo("school meetings about me happen without me");
        assertThat(json(view).get("advocateId").asString()).isEqualTo(advocate);
        assertThat(get("/api/cases", token).body()).contains(caseId);
    }

    @Test
    void aMalformedReferralIsAProblemNamingEachField() throws Exception {
        HttpResponse<String> response = post("/api/cases", """
                {"referralSource":"PROFESSIONAL","referredOn":"2999-01-01"}""", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactly("advocacyType", "personId", "referredOn");
        assertThat(problem.get("detail").asString()).contains("advocacyType").contains("referredOn");
    }

    @Test
    void aValueOfTheWrongKindIsAProblemNamingTheField() throws Exception {
        HttpResponse<String> response = post("/api/cases", """
                {"advocacyType":"PSYCHIC","referralSource":"SELF","referredOn":"2026-01-05"}""", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo("advocacyType");
        assertThat(response.body()).doesNotContain("PSYCHIC");
    }

    @Test
    void closingAnUnknownCaseIsNotFound() throws Exception {
        HttpResponse<String> response = post("/api/cases/11111111-2222-4333-8444-555555555555/close", """
                {"reason":"OTHER","closedOn":"2026-01-05"}""", token);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void closingAClosedCaseIsAConflict() throws Exception {
        String caseId = refer("""
                {"advocacyType":"CAMHS","referralSource":"SELF","referredOn":"2026-01-05"}""");
        assertThat(post("/api/cases/" + caseId + "/close", """
                {"reason":"PERSON_WITHDREW","closedOn":"2026-01-06"}""", token).statusCode()).isEqualTo(204);

        HttpResponse<String> again = post("/api/cases/" + caseId + "/close", """
                {"reason":"OTHER","closedOn":"2026-01-07"}""", token);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("rule").asString()).isEqualTo("case-already-closed");
    }

    @Test
    void theApiIsDescribedByOpenApi() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs", null);

        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = json(docs).get("paths");
        for (String path : List.of("/api/cases", "/api/cases/{caseId}", "/api/cases/{caseId}/involvements",
                "/api/cases/{caseId}/legal-status", "/api/persons", "/api/persons/{personId}/erasure",
                "/api/persons/{personId}/consents")) {
            assertThat(paths.has(path)).as("documented: " + path).isTrue();
        }
    }
}
