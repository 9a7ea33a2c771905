package org.heard.cases.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.heard.cases.CaseServiceTestBase;
import org.heard.contracts.Topic;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.heard.kit.testing.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/** Registration, lookup, reading and erasure of a person's sealed details. */
class PersonPrivacyComponentTest extends CaseServiceTestBase {

    @Autowired
    JdbcTemplate jdbc;

    private final String advocate = "advocate-" + UUID.randomUUID();
    private final String advocateToken = TestKeys.token(Caller.ADVOCATE, advocate, null);
    private final String integrationToken = TestKeys.token(Caller.INTEGRATION);

    /** Registers a person and gives them a case on this test's advocate's caseload; returns {personId, caseId}. */
    private String[] personWithCase(String name, String nhsNumber, String reason) throws Exception {
        HttpResponse<String> registered = post("/api/persons", """
                {"name":"%s","nhsNumber":"%s","dateOfBirth":"1990-04-01","contact":"07700 900123"}"""
                .formatted(name, nhsNumber), integrationToken);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String personId = json(registered).get("personId").asString();
        HttpResponse<String> referral = post("/api/cases", """
                {"personId":"%s","advocacyType":"COMMUNITY_CULTURALLY_SPECIFIC","referralSource":"SELF",
                 "referredOn":"2026-02-01","reason":"%s"}""".formatted(personId, reason), advocateToken);
        String caseId = json(referral).get("caseId").asString();
        assertThat(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"2026-03-02\"}", advocateToken)
                .statusCode()).isEqualTo(204);
        assertThat(post("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + advocate + "\"}", advocateToken)
                .statusCode()).isEqualTo(204);
        return new String[] {personId, caseId};
    }

    @Test
    void detailsAreSealedInTheEventStoreAndUnsealedForTheAdvocateAndThePerson() throws Exception {
        String nhs = TestNhsNumbers.nth(101);
        String[] ids = personWithCase("Kwame Synthetic-Mensah", nhs, "staff do not listen to me");

        for (String column : List.of("payload", "meta_data")) {
            List<byte[]> stored = jdbc.queryForList("select " + column + " from domain_event_entry", byte[].class);
            for (byte[] bytes : stored) {
                String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
                assertThat(text).doesNotContain("Kwame").doesNotContain(nhs).doesNotContain("listen to me")
                        .doesNotContain("1990-04-01");
            }
        }
        assertThat(jdbc.queryForList("select lookup_hmac from person_lookup", String.class)).doesNotContain(nhs);

        HttpResponse<String> byAdvocate = get("/api/persons/" + ids[0], advocateToken);
        assertThat(byAdvocate.statusCode()).isEqualTo(200);
        assertThat(json(byAdvocate).get("name").asString()).isEqualTo("Kwame Synthetic-Mensah");
        assertThat(json(byAdvocate).get("nhsNumber").asString()).isEqualTo(nhs);
        assertThat(json(byAdvocate).get("dateOfBirth").asString()).isEqualTo("1990-04-01");

        HttpResponse<String> bySelf = get("/api/persons/" + ids[0], TestKeys.token(Caller.SERVICE_USER, "su", ids[0]));
        assertThat(bySelf.statusCode()).isEqualTo(200);
        assertThat(json(bySelf).get("contact").asString()).isEqualTo("07700 900123");
    }

    @Test
    void aTrustFeedFindsAPersonByNhsNumberOnly() throws Exception {
        String nhs = TestNhsNumbers.nth(102);
        String personId = personWithCase("Ada Synthetic", nhs, "leave")[0];

        HttpResponse<String> found = get("/api/persons?nhsNumber=" + URLEncoder.encode(
                nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6), StandardCharsets.UTF_8),
                integrationToken);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(json(found).get("personId").asString()).isEqualTo(personId);
        assertThat(found.body()).doesNotContain("Ada");

        HttpResponse<String> duplicate = post("/api/persons", """
                {"name":"Someone Else","nhsNumber":"%s"}""".formatted(nhs), integrationToken);
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(json(duplicate).get("rule").asString()).isEqualTo("nhs-number-registered");
    }

    @Test
    void anInvalidNhsNumberIsAProblemNamingTheFieldWithoutEchoingIt() throws Exception {
        HttpResponse<String> registered = post("/api/persons", """
                {"name":"Bea Synthetic","nhsNumber":"9990000017"}""", integrationToken);
        assertThat(registered.statusCode()).isEqualTo(400);
        assertThat(json(registered).get("errors").get(0).get("field").asString()).isEqualTo("nhsNumber");
        assertThat(registered.body()).doesNotContain("9990000017").doesNotContain("Bea");

        HttpResponse<String> lookup = get("/api/persons?nhsNumber=12345", integrationToken);
        assertThat(lookup.statusCode()).isEqualTo(400);
        assertThat(json(lookup).get("errors").get(0).get("field").asString()).isEqualTo("nhsNumber");
    }

    @Test
    void erasureMakesEverySealedValueReadAsErasedAndIsPublished() throws Exception {
        String nhs = TestNhsNumbers.nth(103);
        String[] ids = personWithCase("Leon Synthetic", nhs, "I want my leave reviewed");
        String personId = ids[0];

        HttpResponse<String> erased = post("/api/persons/" + personId + "/erasure", """
                {"reason":"PERSON_REQUEST"}""", advocateToken);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);

        JsonNode person = json(get("/api/persons/" + personId, advocateToken));
        assertThat(person.get("erased").asBoolean()).isTrue();
        assertThat(person.get("name").isNull()).isTrue();
        // their cases leave case_summary, so every caseload; a read of one is not found, a command on one refused
        assertThat(jdbc.queryForObject("select count(*) from case_summary where person_id = ?", Long.class, personId))
                .isZero();
        assertThat(get("/api/cases", advocateToken).body()).doesNotContain(ids[1]);
        assertThat(get("/api/cases/" + ids[1], advocateToken).statusCode()).isEqualTo(404);
        HttpResponse<String> closing = post("/api/cases/" + ids[1] + "/close", """
                {"reason":"OTHER","closedOn":"2026-03-03"}""", advocateToken);
        assertThat(closing.statusCode()).isEqualTo(409);
        assertThat(json(closing).get("rule").asString()).isEqualTo("person-erased");
        assertThat(get("/api/persons?nhsNumber=" + nhs, integrationToken).statusCode()).isEqualTo(404);

        HttpResponse<String> newWords = post("/api/cases", """
                {"personId":"%s","advocacyType":"IMHA","referralSource":"SELF","referredOn":"2026-02-02",
                 "reason":"more words"}""".formatted(personId), advocateToken);
        assertThat(newWords.statusCode()).isEqualTo(409);
        assertThat(json(newWords).get("rule").asString()).isEqualTo("person-erased");
        assertThat(post("/api/persons/" + personId + "/erasure", """
                {"reason":"OTHER"}""", advocateToken).statusCode()).isEqualTo(409);

        List<String> types = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer(Topic.CASE)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : TestKafka.poll(consumer, Duration.ofMillis(200))) {
                    EventEnvelope envelope = EnvelopeCodec.fromRecord(record);
                    if (record.key().equals(personId)) {
                        types.add(envelope.type());
                    }
                }
                assertThat(types).contains("org.heard.case.PersonErased.v1");
            });
        }
    }
}
