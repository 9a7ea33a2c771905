package org.heard.cases.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.heard.cases.CaseServiceTestBase;
import org.heard.contracts.Topic;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.heard.kit.testing.TestNhsNumbers;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of case-service against every role: allowed roles get through (any answer but 401/403), the others
 * get 403; bad tokens get 401; record-level checks stop advocates and service users at other people's records.
 */
class CaseAccessMatrixTest extends CaseServiceTestBase {

    private static final List<String> ROLES = List.of(Caller.ADVOCATE, Caller.SERVICE_USER, Caller.ANALYST,
            Caller.OPERATIONS, Caller.INTEGRATION);

    private final String advocate = "advocate-" + UUID.randomUUID();
    private final String advocateToken = TestKeys.token(Caller.ADVOCATE, advocate, null);
    private static final java.util.concurrent.atomic.AtomicInteger NHS = new java.util.concurrent.atomic.AtomicInteger(200);

    private static final String INVOLVEMENT = """
            {"forum":"WARD_ROUND","heldOn":"2026-03-03","participation":"NOT_INVOLVED",
             "viewsTakenIntoAccount":"UNKNOWN","advocateMinutes":10}""";

    /** A fresh person with a case on this test's advocate's caseload. */
    private record Fixture(String personId, String caseId) {
    }

    private Fixture fixture() throws Exception {
        String personId = json(post("/api/persons", """
                {"name":"Matrix Synthetic","nhsNumber":"%s"}""".formatted(TestNhsNumbers.nth(NHS.getAndIncrement())), advocateToken))
                .get("personId").asString();
        String caseId = json(post("/api/cases", """
                {"personId":"%s","advocacyType":"IMHA","referralSource":"SELF","referredOn":"2026-03-01"}"""
                .formatted(personId), advocateToken)).get("caseId").asString();
        assertThat(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"2026-03-02\"}", advocateToken)
                .statusCode()).isEqualTo(204);
        assertThat(post("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + advocate + "\"}", advocateToken)
                .statusCode()).isEqualTo(204);
        return new Fixture(personId, caseId);
    }

    /** The token a role uses: the fixture's own advocate, or the fixture's person for a service user. */
    private String tokenFor(String role, Fixture fixture) {
        return switch (role) {
            case Caller.ADVOCATE -> advocateToken;
            case Caller.SERVICE_USER -> TestKeys.token(Caller.SERVICE_USER, "su-" + fixture.personId(), fixture.personId());
            default -> TestKeys.token(role);
        };
    }

    private record Endpoint(String method, String path, String body, Set<String> allowed) {
    }

    private List<Endpoint> endpoints(Fixture f) {
        return List.of(
                new Endpoint("POST", "/api/persons", "{\"name\":\"New Synthetic\"}",
                        Set.of(Caller.ADVOCATE, Caller.INTEGRATION)),
                new Endpoint("GET", "/api/persons?nhsNumber=" + TestNhsNumbers.nth(999), null,
                        Set.of(Caller.ADVOCATE, Caller.INTEGRATION)),
                new Endpoint("GET", "/api/persons/" + f.personId(), null, Set.of(Caller.ADVOCATE, Caller.SERVICE_USER)),
                new Endpoint("POST", "/api/persons/" + f.personId() + "/erasure", "{\"reason\":\"PERSON_REQUEST\"}",
                        Set.of(Caller.ADVOCATE, Caller.SERVICE_USER)),
                new Endpoint("POST", "/api/cases", forPerson(f.personId(), """
                        {"advocacyType":"IMHA","referralSource":"TRUST_FEED","referredOn":"2026-03-02"}"""),
                        Set.of(Caller.ADVOCATE, Caller.INTEGRATION)),
                new Endpoint("GET", "/api/cases", null, Set.of(Caller.ADVOCATE)),
                new Endpoint("GET", "/api/cases/" + f.caseId(), null, Set.of(Caller.ADVOCATE, Caller.SERVICE_USER)),
                new Endpoint("POST", "/api/cases/" + f.caseId() + "/advocate", "{\"advocateId\":\"" + advocate + "\"}",
                        Set.of(Caller.ADVOCATE)),
                new Endpoint("POST", "/api/cases/" + f.caseId() + "/close",
                        "{\"reason\":\"GOALS_MET\",\"closedOn\":\"2026-03-03\"}", Set.of(Caller.ADVOCATE)),
                new Endpoint("POST", "/api/cases/" + f.caseId() + "/acceptance", "{\"on\":\"2026-03-02\"}",
                        Set.of(Caller.ADVOCATE)),
                new Endpoint("POST", "/api/cases/" + f.caseId() + "/decline",
                        "{\"declinedOn\":\"2026-03-02\",\"reason\":\"OTHER\"}", Set.of(Caller.ADVOCATE)),
                new Endpoint("POST", "/api/cases/" + f.caseId() + "/legal-status",
                        "{\"legalStatusCode\":\"03\",\"startedOn\":\"2026-03-01\"}",
                        Set.of(Caller.ADVOCATE, Caller.INTEGRATION)),
                new Endpoint("POST", "/api/cases/" + f.caseId() + "/first-contact",
                        "{\"contactOn\":\"2026-03-03\",\"mode\":\"PHONE\"}", Set.of(Caller.ADVOCATE)),
                new Endpoint("POST", "/api/cases/" + f.caseId() + "/reopen", "{\"on\":\"2026-03-03\"}",
                        Set.of(Caller.ADVOCATE)),
                new Endpoint("POST", "/api/cases/" + f.caseId() + "/issues",
                        "{\"category\":\"LEAVE\",\"description\":\"words\",\"raisedOn\":\"2026-03-03\"}",
                        Set.of(Caller.ADVOCATE)),
                new Endpoint("POST", "/api/cases/" + f.caseId() + "/issues/" + UUID.randomUUID() + "/resolution",
                        "{\"resolution\":\"ACHIEVED\",\"resolvedOn\":\"2026-03-03\"}", Set.of(Caller.ADVOCATE)),
                new Endpoint("POST", "/api/cases/" + f.caseId() + "/forums",
                        "{\"forum\":\"WARD_ROUND\",\"scheduledFor\":\"2026-03-05\"}", Set.of(Caller.ADVOCATE)),
                new Endpoint("POST", "/api/cases/" + f.caseId() + "/involvements", INVOLVEMENT, Set.of(Caller.ADVOCATE)),
                new Endpoint("POST", "/api/cases/" + f.caseId() + "/involvements/" + UUID.randomUUID() + "/correction",
                        INVOLVEMENT, Set.of(Caller.ADVOCATE)),
                new Endpoint("POST", "/api/persons/" + f.personId() + "/consents",
                        "{\"scope\":\"EVALUATION\",\"givenOn\":\"2026-03-03\"}",
                        Set.of(Caller.ADVOCATE, Caller.SERVICE_USER)),
                new Endpoint("POST", "/api/persons/" + f.personId() + "/consents/EVALUATION/withdrawal",
                        "{\"withdrawnOn\":\"2026-03-03\"}", Set.of(Caller.ADVOCATE, Caller.SERVICE_USER)),
                new Endpoint("POST", "/api/persons/" + f.personId() + "/equality-corrections",
                        "{\"correctsEventId\":\"x\",\"details\":{\"ethnicCategory\":\"M\"}}",
                        Set.of(Caller.ADVOCATE)),
                new Endpoint("GET", "/actuator/prometheus", null, Set.of(Caller.OPERATIONS)),
                new Endpoint("GET", "/api/operations/outbox", null, Set.of(Caller.OPERATIONS)),
                new Endpoint("GET", "/actuator/health", null, Set.copyOf(ROLES)));
    }

    @Test
    void everyEndpointAnswersEachRoleAsTheRulesSay() throws Exception {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < endpoints(new Fixture("x", "y")).size(); i++) {
            for (String role : ROLES) {
                Fixture fixture = fixture(); // fresh records: some calls erase or close
                Endpoint endpoint = endpoints(fixture).get(i);
                HttpResponse<String> response = send(endpoint.method(), endpoint.path(), endpoint.body(),
                        tokenFor(role, fixture));
                boolean allowed = endpoint.allowed().contains(role);
                boolean passed = allowed ? response.statusCode() != 401 && response.statusCode() != 403
                        && response.statusCode() < 500 : response.statusCode() == 403;
                if (!passed) {
                    wrong.add(endpoint.method() + " " + endpoint.path() + " as " + role + " -> " + response.statusCode());
                }
                checked++;
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isEqualTo(endpoints(new Fixture("x", "y")).size() * ROLES.size());
    }

    @Test
    void badTokensAreUnauthorised() throws Exception {
        Fixture f = fixture();
        Map<String, String> tokens = Map.of(
                "none", "",
                "forged", TestKeys.forged(Caller.ADVOCATE),
                "expired", TestKeys.expired(Caller.ADVOCATE),
                "wrong audience", TestKeys.wrongAudience(Caller.ADVOCATE),
                "alg none", TestKeys.unsigned(Caller.ADVOCATE),
                "garbage", "not.a.jwt");
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            for (String[] request : List.of(new String[] {"GET", "/api/cases/" + f.caseId()},
                    new String[] {"POST", "/api/cases"}, new String[] {"GET", "/api/persons/" + f.personId()})) {
                HttpResponse<String> response = send(request[0], request[1],
                        request[0].equals("POST") ? "{}" : null, token.getValue().isEmpty() ? null : token.getValue());
                assertThat(response.statusCode()).as(token.getKey() + " on " + request[1]).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(response.body()).doesNotContain("Matrix");
            }
        }
    }

    @Test
    void nobodyReachesAnotherPersonsRecord() throws Exception {
        Fixture mine = fixture();
        String otherAdvocate = TestKeys.token(Caller.ADVOCATE, "advocate-other-" + UUID.randomUUID(), null);
        String otherPerson = TestKeys.token(Caller.SERVICE_USER, "su-other", UUID.randomUUID().toString());

        assertThat(get("/api/cases/" + mine.caseId(), otherAdvocate).statusCode()).isEqualTo(403);
        assertThat(get("/api/persons/" + mine.personId(), otherAdvocate).statusCode()).isEqualTo(403);
        assertThat(get("/api/cases/" + mine.caseId(), otherPerson).statusCode()).isEqualTo(403);
        assertThat(get("/api/persons/" + mine.personId(), otherPerson).statusCode()).isEqualTo(403);
        assertThat(post("/api/cases/" + mine.caseId() + "/close", """
                {"reason":"OTHER","closedOn":"2026-03-03"}""", otherAdvocate).statusCode()).isEqualTo(403);
        assertThat(post("/api/cases/" + mine.caseId() + "/advocate", """
                {"advocateId":"advocate-thief"}""", otherAdvocate).statusCode()).isEqualTo(403);
        assertThat(post("/api/persons/" + mine.personId() + "/erasure", """
                {"reason":"OTHER"}""", otherPerson).statusCode()).isEqualTo(403);
        assertThat(json(get("/api/persons/" + mine.personId(), advocateToken)).get("erased").asBoolean()).isFalse();
    }

    @Test
    void readsOfPersonalDataAndRefusalsAreAudited() throws Exception {
        Fixture f = fixture();
        try (KafkaConsumer<String, byte[]> audit = TestKafka.consumer(Topic.AUDIT)) {
            assertThat(get("/api/persons/" + f.personId(), advocateToken).statusCode()).isEqualTo(200);
            assertThat(get("/api/persons/" + f.personId(), TestKeys.token(Caller.ANALYST, "analyst-7", null))
                    .statusCode()).isEqualTo(403);

            List<String> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : TestKafka.poll(audit, Duration.ofMillis(200))) {
                    records.add(new String(record.value(), StandardCharsets.UTF_8));
                }
                assertThat(records).anySatisfy(r -> assertThat(r).contains("PERSONAL_DATA_READ")
                        .contains("person/" + f.personId()).contains(advocate).contains("casework"));
                assertThat(records).anySatisfy(r -> assertThat(r).contains("AUTHORISATION_FAILED")
                        .contains("analyst-7").contains("/api/persons/" + f.personId()));
            });
            assertThat(records).allSatisfy(r -> assertThat(r).doesNotContain("Matrix Synthetic"));
        }
    }
}
