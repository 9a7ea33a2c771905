package org.heard.cases.involvement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.heard.cases.CaseServiceTestBase;
import org.heard.contracts.Topic;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An involvement stored in its first shape (advocate time in hours) by an earlier version still replays: the case
 * accepts a correction naming it, and the publisher sends it in the current shape.
 */
class InvolvementUpcastingComponentTest extends CaseServiceTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.axonframework.common.caching.Cache aggregateCache;

    /** Appends a stored event of the case as another writer (or an earlier version) would; returns its sequence. */
    private long appendBehindAxonsBack(String caseId, Class<?> payloadType, String json) {
        long next = jdbc.queryForObject("select max(sequence_number) + 1 from domain_event_entry"
                + " where aggregate_identifier = ?", Long.class, caseId);
        jdbc.update("insert into domain_event_entry (event_identifier, meta_data, payload, payload_revision,"
                        + " payload_type, time_stamp, aggregate_identifier, sequence_number, type)"
                        + " values (?, ?, ?, null, ?, ?, ?, ?, 'AdvocacyCase')", UUID.randomUUID().toString(),
                "{}".getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8), payloadType.getName(),
                Instant.now().toString(), caseId, next);
        return next;
    }

    @Test
    void anInvolvementStoredWithHoursReplaysAndIsPublishedWithMinutes() throws Exception {
        String advocate = "advocate-" + UUID.randomUUID();
        String token = TestKeys.token(Caller.ADVOCATE, advocate, null);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        var created = json(post("/api/cases", forNewPerson("""
                {"advocacyType":"COMMUNITY","referralSource":"SELF","referredOn":"%s"}"""
                .formatted(today.minusDays(9))), token));
        String caseId = created.get("caseId").asString();
        String personId = created.get("personId").asString();
        assertThat(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"" + today.minusDays(8) + "\"}", token)
                .statusCode()).isEqualTo(204);
        assertThat(post("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + advocate + "\"}", token)
                .statusCode()).isEqualTo(204);

        // what an earlier version wrote: advocateHours, no advocateMinutes
        String involvementId = UUID.randomUUID().toString();
        String oldShape = """
                {"caseId":"%s","personId":"%s","involvementId":"%s","forum":"CPA_REVIEW","heldOn":"%s",
                 "participation":"SPOKE_FOR_THEMSELVES_WITH_SUPPORT","viewsTakenIntoAccount":"YES",
                 "advocateHours":1.5}""".formatted(caseId, personId, involvementId, today.minusDays(5));
        appendBehindAxonsBack(caseId, InvolvementRecorded.class, oldShape);
        aggregateCache.removeAll(); // as after a restart: the case is read from the store again

        assertThat(json(get("/api/cases/" + caseId, token)).get("involvements").asInt()).isEqualTo(1);
        assertThat(post("/api/cases/" + caseId + "/involvements/" + involvementId + "/correction", """
                {"forum":"CPA_REVIEW","heldOn":"%s","participation":"SPOKE_FOR_THEMSELVES_WITH_SUPPORT",
                 "viewsTakenIntoAccount":"YES","advocateMinutes":95}""".formatted(today.minusDays(5)), token)
                .statusCode()).isEqualTo(204);

        List<InvolvementRecorded> published = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer(Topic.INVOLVEMENT)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : TestKafka.poll(consumer, Duration.ofMillis(200))) {
                    if (record.key().equals(personId)
                            && EnvelopeCodec.fromRecord(record).event() instanceof InvolvementRecorded recorded) {
                        published.add(recorded);
                    }
                }
                assertThat(published).hasSize(1);
            });
        }
        assertThat(published.get(0).advocateMinutes()).isEqualTo(90);
        assertThat(published.get(0).involvementId()).isEqualTo(involvementId);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyRecordsOnce() throws Exception {
        String token = TestKeys.token(Caller.ADVOCATE);
        String body = forNewPerson("""
                {"advocacyType":"CAMHS","referralSource":"SELF","referredOn":"2026-01-05"}""");
        var first = send("POST", "/api/cases", body, token, "retry-1");
        var second = send("POST", "/api/cases", body, token, "retry-1");
        var other = send("POST", "/api/cases", body.replace("CAMHS", "IMHA"), token, "retry-1");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(other.statusCode()).isEqualTo(422);
        String caseId = json(first).get("caseId").asString();
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, caseId)).isEqualTo(1L);
        // another caller's key space is their own
        assertThat(send("POST", "/api/cases", body, TestKeys.token(Caller.ADVOCATE), "retry-1").body())
                .isNotEqualTo(first.body());
    }

    @Test
    void aChangeThatRacedAnotherIsAConflictWithAClearMessage() throws Exception {
        String advocate = "advocate-" + UUID.randomUUID();
        String token = TestKeys.token(Caller.ADVOCATE, advocate, null);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        var created = json(post("/api/cases", forNewPerson("""
                {"advocacyType":"CAMHS","referralSource":"SELF","referredOn":"%s"}""".formatted(today.minusDays(3))),
                token));
        String caseId = created.get("caseId").asString();
        assertThat(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"" + today + "\"}", token).statusCode())
                .isEqualTo(204);
        // another instance appended the next event of this case meanwhile (this one still holds the case in memory)
        long next = appendBehindAxonsBack(caseId, org.heard.contracts.cases.AdvocateAssigned.class, """
                {"caseId":"%s","personId":"%s","advocateId":"someone-else"}"""
                .formatted(caseId, created.get("personId").asString()));

        var conflict = post("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + advocate + "\"}", token);

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json(conflict).get("detail").asString()).contains("changed by another request");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, caseId)).isEqualTo(next + 1);
    }
}
