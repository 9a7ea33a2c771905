package org.heard.cases.involvement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
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
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/** A case from referral to reopening through the API, as an advocate works it, and what reaches Kafka. */
class CaseworkComponentTest extends CaseServiceTestBase {

    @Autowired
    JdbcTemplate jdbc;

    private final String advocate = "advocate-" + UUID.randomUUID();
    private final String token = TestKeys.token(Caller.ADVOCATE, advocate, null);
    private final LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));

    private String day(int daysAgo) {
        return today.minusDays(daysAgo).toString();
    }

    private JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : json(response);
    }

    @Test
    void anImhaCaseFromReferralToReopening() throws Exception {
        String personId = ok(post("/api/persons", """
                {"name":"Tunde Synthetic","dateOfBirth":"%s","equality":{"ethnicCategory":"N","gender":"MAN",
                 "preferredLanguage":"yo","interpreterNeeded":true,"disabilities":["DEAF"]}}"""
                .formatted(today.minusYears(30)), token), 201).get("personId").asString();
        String caseId = ok(post("/api/cases", """
                {"personId":"%s","advocacyType":"IMHA","referralSource":"TRUST_FEED","referredOn":"%s",
                 "setting":"INPATIENT_WARD","instructed":true,"referringOrganisation":"Synthetic NHS Trust"}"""
                .formatted(personId, day(20)), TestKeys.token(Caller.INTEGRATION)), 201).get("caseId").asString();

        // accepted without a qualifying legal status: flagged as eligibility to confirm
        ok(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"" + day(19) + "\"}", token), 204);
        ok(post("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + advocate + "\"}", token), 204);
        assertThat(json(get("/api/cases/" + caseId, token)).get("eligibilityToConfirm").asBoolean()).isTrue();
        ok(post("/api/cases/" + caseId + "/legal-status", """
                {"legalStatusCode":"03","startedOn":"%s"}""".formatted(day(25)), TestKeys.token(Caller.INTEGRATION)),
                204);

        ok(post("/api/cases/" + caseId + "/first-contact", """
                {"contactOn":"%s","mode":"IN_PERSON"}""".formatted(day(17)), token), 204);
        assertThat(post("/api/cases/" + caseId + "/first-contact", """
                {"contactOn":"%s","mode":"PHONE"}""".formatted(day(16)), token).statusCode()).isEqualTo(409);
        String issueId = ok(post("/api/cases/" + caseId + "/issues", """
                {"category":"LEAVE","description":"I have not had leave for weeks","raisedOn":"%s"}"""
                .formatted(day(17)), token), 201).get("id").asString();
        String forumId = ok(post("/api/cases/" + caseId + "/forums", """
                {"forum":"MENTAL_HEALTH_TRIBUNAL","scheduledFor":"%s"}""".formatted(today.plusDays(10)), token), 201)
                .get("id").asString();
        String involvementId = ok(post("/api/cases/" + caseId + "/involvements", """
                {"forum":"WARD_ROUND","heldOn":"%s","issueIds":["%s"],"participation":"SPOKE_FOR_THEMSELVES_WITH_SUPPORT",
                 "viewsTakenIntoAccount":"PARTLY","advocateMinutes":90}""".formatted(day(10), issueId), token), 201)
                .get("id").asString();

        JsonNode view = json(get("/api/cases/" + caseId, token));
        assertThat(view.get("status").asString()).isEqualTo("OPEN");
        assertThat(view.get("eligibilityToConfirm").asBoolean()).isFalse();
        assertThat(view.get("qualifyingPatient").asBoolean()).isTrue();
        assertThat(view.get("daysToFirstContact").asInt()).isEqualTo(3);
        assertThat(view.get("openIssues").get(0).get("description").asString())
                .isEqualTo("I have not had leave for weeks");
        assertThat(view.get("upcomingForums").get(0).get("forumId").asString()).isEqualTo(forumId);
        assertThat(view.get("involvements").asInt()).isEqualTo(1);

        // a correction names the involvement; an unknown issue is refused
        ok(post("/api/cases/" + caseId + "/involvements/" + involvementId + "/correction", """
                {"forum":"WARD_ROUND","heldOn":"%s","issueIds":["%s"],"participation":"ADVOCATE_SPOKE_ON_THEIR_BEHALF",
                 "viewsTakenIntoAccount":"YES","advocateMinutes":75}""".formatted(day(10), issueId), token), 204);
        HttpResponse<String> unknownIssue = post("/api/cases/" + caseId + "/involvements", """
                {"forum":"CPA_REVIEW","heldOn":"%s","issueIds":["%s"],"participation":"NOT_INVOLVED",
                 "viewsTakenIntoAccount":"UNKNOWN","advocateMinutes":5}""".formatted(day(9), UUID.randomUUID()), token);
        assertThat(unknownIssue.statusCode()).isEqualTo(409);
        assertThat(json(unknownIssue).get("rule").asString()).isEqualTo("unknown-issue");

        ok(post("/api/cases/" + caseId + "/issues/" + issueId + "/resolution", """
                {"resolution":"PARTLY_ACHIEVED","resolvedOn":"%s"}""".formatted(day(5)), token), 204);
        ok(post("/api/cases/" + caseId + "/close", """
                {"reason":"GOALS_MET","closedOn":"%s"}""".formatted(day(4)), token), 204);
        assertThat(post("/api/cases/" + caseId + "/involvements", """
                {"forum":"CPA_REVIEW","heldOn":"%s","participation":"NOT_INVOLVED","viewsTakenIntoAccount":"UNKNOWN",
                 "advocateMinutes":5}""".formatted(day(3)), token).statusCode()).isEqualTo(409);
        ok(post("/api/cases/" + caseId + "/reopen", "{\"on\":\"" + day(2) + "\"}", token), 204);
        ok(post("/api/cases/" + caseId + "/first-contact", """
                {"contactOn":"%s","mode":"PHONE"}""".formatted(day(1)), token), 204);

        // consent and a correction of equality details that names the registration
        ok(post("/api/persons/" + personId + "/consents", """
                {"scope":"EVALUATION","givenOn":"%s"}""".formatted(day(17)), token), 204);
        ok(post("/api/persons/" + personId + "/consents/EVALUATION/withdrawal", """
                {"withdrawnOn":"%s"}""".formatted(day(1)), token), 204);
        String registration = jdbc.queryForObject("select event_identifier from domain_event_entry where"
                + " aggregate_identifier = ? and sequence_number = 0", String.class, personId);
        ok(post("/api/persons/" + personId + "/equality-corrections", """
                {"correctsEventId":"%s","details":{"ethnicCategory":"M","gender":"MAN","preferredLanguage":"en",
                 "interpreterNeeded":false,"disabilities":["DEAF"]},"ageBand":"25-34"}""".formatted(registration),
                token), 204);

        List<String> caseTypes = new ArrayList<>();
        List<String> involvementTypes = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer(Topic.CASE, Topic.INVOLVEMENT)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : TestKafka.poll(consumer, Duration.ofMillis(200))) {
                    if (record.key().equals(personId)) {
                        EventEnvelope envelope = EnvelopeCodec.fromRecord(record);
                        (record.topic().equals(Topic.INVOLVEMENT.topicName()) ? involvementTypes : caseTypes)
                                .add(envelope.type().replaceAll("^org\\.heard\\.[a-z]+\\.|\\.v1$", ""));
                    }
                }
                assertThat(involvementTypes).containsExactly("ForumScheduled", "InvolvementRecorded",
                        "InvolvementCorrected");
                assertThat(caseTypes).containsExactly("PersonRegistered", "ReferralReceived", "ReferralAccepted",
                        "AdvocateAssigned", "LegalStatusRecorded", "FirstContactMade", "IssueRaised",
                        "IssueResolved", "CaseClosed", "CaseReopened", "FirstContactMade", "ConsentGiven",
                        "ConsentWithdrawn", "EqualityDetailsCorrected");
            });
        }
    }

    @Test
    void anUnknownLegalStatusCodeOrBadEthnicCategoryIsAProblemNamingTheField() throws Exception {
        HttpResponse<String> person = post("/api/persons", """
                {"name":"Ife Synthetic","equality":{"ethnicCategory":"I"}}""", token);
        assertThat(person.statusCode()).isEqualTo(400);
        assertThat(json(person).get("errors").get(0).get("field").asString()).isEqualTo("equality.ethnicCategory");

        String caseId = json(post("/api/cases", forNewPerson("""
                {"advocacyType":"IMHA","referralSource":"SELF","referredOn":"%s"}""".formatted(day(3))), token))
                .get("caseId").asString();
        ok(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"" + day(3) + "\"}", token), 204);
        ok(post("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + advocate + "\"}", token), 204);
        HttpResponse<String> badShape = post("/api/cases/" + caseId + "/legal-status", """
                {"legalStatusCode":"3","startedOn":"%s"}""".formatted(day(3)), token);
        assertThat(badShape.statusCode()).isEqualTo(400);
        assertThat(json(badShape).get("errors").get(0).get("field").asString()).isEqualTo("legalStatusCode");
        HttpResponse<String> unknown = post("/api/cases/" + caseId + "/legal-status", """
                {"legalStatusCode":"77","startedOn":"%s"}""".formatted(day(3)), token);
        assertThat(unknown.statusCode()).isEqualTo(409);
        assertThat(json(unknown).get("rule").asString()).isEqualTo("unknown-legal-status");
    }
}
