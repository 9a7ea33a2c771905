package org.heard.cases.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.heard.cases.CaseServiceTestBase;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.ApiFuzz;
import org.heard.kit.testing.TestKeys;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Bad input of every kind is a 4xx problem+json naming the field, never a 5xx, never an echo of the value. */
// The fuzz stores thousands of events, many of them at their largest (sealed text of 44,000 characters): in the
// shared event store they would queue ahead of every later class's events in the one publisher. Its own database and
// context keep that backlog here, and the context is closed after the class.
@org.springframework.test.annotation.DirtiesContext
class HardenedInputComponentTest extends CaseServiceTestBase {

    @org.springframework.test.context.DynamicPropertySource
    static void ownDatabase(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> org.heard.kit.testing.TestPostgres.newDatabase("hardening"));
    }

    private final String advocate = "advocate-" + UUID.randomUUID();
    private final String token = TestKeys.token(Caller.ADVOCATE, advocate, null);
    private final LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));

    private static void problem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(response).get("type").asString()).isEqualTo(type);
    }

    @Test
    void everyOperationOfTheOpenApiDocumentAnswersBadInputWithoutAServerError() throws Exception {
        String everyRole = TestKeys.custom(Caller.ADVOCATE, claims -> claims
                .claim("roles", List.of(Caller.ADVOCATE, Caller.SERVICE_USER, Caller.ANALYST, Caller.OPERATIONS,
                        Caller.INTEGRATION))
                .claim("person_id", UUID.randomUUID().toString()));
        ApiFuzz.Report report = ApiFuzz.run("http://localhost:" + port, List.of(everyRole));
        System.out.printf("case-service fuzz: %d operations, %d requests, statuses %s%n", report.operations(),
                report.requests(), report.statuses());
        assertThat(report.operations()).isGreaterThanOrEqualTo(14);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void anUnknownAddressIsNotFoundForACallerWithAValidToken() throws Exception {
        problem(get("/api/nothing-here", token), 404, "urn:heard:problem:not-found");
        problem(get("/api/cases/" + UUID.randomUUID() + "/nothing", token), 404, "urn:heard:problem:not-found");
        // an address an endpoint serves, for a role no rule lets through, stays forbidden
        problem(get("/api/cases", TestKeys.token(Caller.ANALYST)), 403, "urn:heard:problem:forbidden");
        problem(get("/api/nothing-here", null), 401, "urn:heard:problem:unauthorized");
    }

    @Test
    void anUnknownCaseOrPersonIsNotFoundNamingTheFieldWithoutEchoingTheId() throws Exception {
        String unknown = UUID.randomUUID().toString();
        String ownPerson = TestKeys.token(Caller.SERVICE_USER, "su-" + unknown, unknown);
        String provider = TestKeys.token(Caller.ADVOCATE, advocate, null, "provider-north", "red");
        List<HttpResponse<String>> answers = List.of(
                get("/api/cases/" + unknown, token),
                post("/api/cases/" + unknown + "/close", "{\"reason\":\"OTHER\",\"closedOn\":\"" + today + "\"}",
                        token),
                get("/api/persons/" + unknown, ownPerson),
                post("/api/persons/" + unknown + "/access-requests", "{\"reason\":\"CONTINUITY_OF_CARE\",\"justification\":\"Synthetic duty cover\"}",
                        provider));
        for (HttpResponse<String> answer : answers) {
            problem(answer, 404, "urn:heard:problem:not-found");
            assertThat(answer.body()).as(answer.uri().getPath()).doesNotContain(unknown);
            assertThat(json(answer).get("detail").asString()).as(answer.uri().getPath())
                    .containsAnyOf("caseId", "personId");
        }
    }

    @Test
    void theErrorPageIsNotFoundWhenCalledDirectly() throws Exception {
        problem(get("/error", null), 404, "urn:heard:problem:not-found");
        problem(get("/error", token), 404, "urn:heard:problem:not-found");
    }

    @Test
    void tomcatsOwnRefusalsAreProblems() throws Exception {
        for (String request : new String[] {"GET /api/cases?a=<> HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/cases HTTP/1.1\r\nHost: x\r\nX-A" + "a".repeat(20_000) + ": b\r\n\r\n"}) {
            String answer = raw(request);
            assertThat(answer).as(request.substring(0, 30)).matches("(?s)HTTP/1.1 4\\d\\d .*");
            assertThat(answer).contains("application/problem+json").doesNotContain("<html").doesNotContain("Tomcat");
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        problem(post("/api/persons", "{\"name\":\"" + "a".repeat(300_000) + "\"}", TestKeys.token(Caller.INTEGRATION)),
                413, "urn:heard:problem:too-large");
    }

    @Test
    void typesAreNotCoercedAndNulIsRefusedNamingTheField() throws Exception {
        String integration = TestKeys.token(Caller.INTEGRATION);
        String person = registeredPerson();
        HttpResponse<String> ordinal = post("/api/cases", """
                {"personId":"%s","advocacyType":0,"referralSource":"TRUST_FEED","referredOn":"%s"}"""
                .formatted(person, today), integration);
        problem(ordinal, 400, "urn:heard:problem:invalid-request");
        assertThat(json(ordinal).get("errors").get(0).get("field").asString()).isEqualTo("advocacyType");
        HttpResponse<String> nul = post("/api/cases/" + UUID.randomUUID() + "/advocate",
                "{\"advocateId\":\"a\\u0000Zq9secret\"}", token);
        problem(nul, 400, "urn:heard:problem:invalid-request");
        assertThat(json(nul).get("errors").get(0).get("field").asString()).isEqualTo("advocateId");
        assertThat(nul.body()).doesNotContain("Zq9secret");
        HttpResponse<String> nulParameter = get("/api/persons?nhsNumber=999%00Zq9secret", integration);
        problem(nulParameter, 400, "urn:heard:problem:invalid-request");
        assertThat(nulParameter.body()).doesNotContain("Zq9secret");
        HttpResponse<String> wrongId = get("/api/cases/Zq9secret", token);
        problem(wrongId, 400, "urn:heard:problem:invalid-request");
        assertThat(wrongId.body()).doesNotContain("Zq9secret");
    }

    @Test
    void anEventOverItsSchemasBoundsIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        String person = registeredPerson();
        String caseId = json(post("/api/cases", """
                {"personId":"%s","advocacyType":"IMHA","referralSource":"TRUST_FEED","referredOn":"%s"}"""
                .formatted(person, today.minusDays(5)), TestKeys.token(Caller.INTEGRATION))).get("caseId").asString();
        assertThat(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"" + today.minusDays(4) + "\"}", token)
                .statusCode()).isEqualTo(204);
        assertThat(post("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + advocate + "\"}", token)
                .statusCode()).isEqualTo(204);
        List<String> issues = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            HttpResponse<String> raised = post("/api/cases/" + caseId + "/issues", """
                    {"category":"LEAVE","description":"synthetic issue","raisedOn":"%s"}"""
                    .formatted(today.minusDays(3)), token);
            assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
            issues.add("\"" + json(raised).get("id").asString() + "\"");
        }
        String involvement = """
                {"forum":"WARD_ROUND","heldOn":"%s","issueIds":[%s],"participation":"NOT_INVOLVED",
                 "viewsTakenIntoAccount":"UNKNOWN","advocateMinutes":5}""";
        HttpResponse<String> tooMany = post("/api/cases/" + caseId + "/involvements",
                involvement.formatted(today.minusDays(2), String.join(",", issues)), token);
        problem(tooMany, 400, "urn:heard:problem:invalid-request");
        JsonNode error = json(tooMany).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("issueIds");
        assertThat(error.get("message").asString()).contains("at most 200");
        assertThat(json(get("/api/cases/" + caseId, token)).get("involvements").asInt()).isZero();
        assertThat(post("/api/cases/" + caseId + "/involvements",
                involvement.formatted(today.minusDays(2), String.join(",", issues.subList(0, 200))), token)
                .statusCode()).isEqualTo(201);
    }

    @Test
    void nhsNumberLookUpsAreAuditedAndRateLimitedPerCaller() throws Exception {
        String feed = TestKeys.token(Caller.INTEGRATION);
        int answered = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 100; i++) {
            last = get("/api/persons?nhsNumber=" + org.heard.kit.testing.TestNhsNumbers.nth(9000 + i), feed);
            if (last.statusCode() == 429) {
                break;
            }
            assertThat(last.statusCode()).as(last.body()).isEqualTo(404);
            answered++;
        }
        // 60 at once, and the bucket refills at one a second while the loop runs
        assertThat(answered).isBetween(60, 75);
        problem(last, 429, "urn:heard:problem:too-many-requests");
        assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        // another caller has a bucket of their own
        assertThat(get("/api/persons?nhsNumber=" + org.heard.kit.testing.TestNhsNumbers.nth(9100),
                TestKeys.token(Caller.INTEGRATION)).statusCode()).isEqualTo(404);
    }

    @Test
    void repeatedRegistrationConflictsAreRateLimited() throws Exception {
        String feed = TestKeys.token(Caller.INTEGRATION);
        String nhs = org.heard.kit.testing.TestNhsNumbers.nth(9200);
        String person = "{\"name\":\"Conflict Synthetic\",\"nhsNumber\":\"" + nhs + "\"}";
        assertThat(post("/api/persons", person, feed).statusCode()).isEqualTo(201);
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> conflict = post("/api/persons", person, feed);
            assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
        }
        HttpResponse<String> limited = post("/api/persons", person, feed);
        problem(limited, 429, "urn:heard:problem:too-many-requests");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        // a registration without an NHS number cannot test one, and is not held back
        assertThat(post("/api/persons", "{\"name\":\"Other Synthetic\"}", feed).statusCode()).isEqualTo(201);
    }

    @Test
    void erasureDeletesTheKeptAnswersThatNameThePersonOrTheirCases() throws Exception {
        String feed = TestKeys.token(Caller.INTEGRATION);
        HttpResponse<String> registered = send("POST", "/api/persons", "{\"name\":\"Kept Synthetic\"}", feed,
                UUID.randomUUID().toString());
        String person = json(registered).get("personId").asString();
        HttpResponse<String> referred = send("POST", "/api/cases", """
                {"personId":"%s","advocacyType":"IMHA","referralSource":"TRUST_FEED","referredOn":"%s"}"""
                .formatted(person, today.minusDays(5)), feed, UUID.randomUUID().toString());
        String caseId = json(referred).get("caseId").asString();
        String unrelated = json(send("POST", "/api/persons", "{\"name\":\"Unrelated Synthetic\"}", feed,
                UUID.randomUUID().toString())).get("personId").asString();
        assertThat(keptAnswersNaming(person)).isPositive();
        assertThat(keptAnswersNaming(caseId)).isPositive();

        // the person's advocate erases them
        String caseAdvocate = TestKeys.token(Caller.ADVOCATE, advocate, null);
        assertThat(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"" + today.minusDays(4) + "\"}",
                caseAdvocate).statusCode()).isEqualTo(204);
        assertThat(post("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + advocate + "\"}",
                caseAdvocate).statusCode()).isEqualTo(204);
        HttpResponse<String> erased = post("/api/persons/" + person + "/erasure", "{\"reason\":\"PERSON_REQUEST\"}",
                caseAdvocate);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);

        assertThat(keptAnswersNaming(person)).isZero();
        assertThat(keptAnswersNaming(caseId)).isZero();
        assertThat(keptAnswersNaming(unrelated)).isEqualTo(1);
        // and nothing new is accepted for them
        HttpResponse<String> after = post("/api/cases", """
                {"personId":"%s","advocacyType":"IMHA","referralSource":"TRUST_FEED","referredOn":"%s"}"""
                .formatted(person, today), feed);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(409);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private int keptAnswersNaming(String id) {
        Integer rows = jdbc.queryForObject("select count(*) from idempotency_key where location like ?"
                + " or position(convert_to(?, 'UTF8') in coalesce(body, ''::bytea)) > 0", Integer.class,
                "%" + id + "%", id);
        return rows == null ? 0 : rows;
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(4096);
            return new String(answer, StandardCharsets.ISO_8859_1);
        }
    }
}
