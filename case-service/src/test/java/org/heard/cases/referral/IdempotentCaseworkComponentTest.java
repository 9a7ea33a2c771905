package org.heard.cases.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.heard.cases.CaseServiceTestBase;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.AggregateSettings;
import org.heard.kit.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Retries with an Idempotency-Key on case-service's own endpoints get the answer that was sent, and record once. */
class IdempotentCaseworkComponentTest extends CaseServiceTestBase {

    @Autowired
    JdbcTemplate jdbc;

    private final String advocate = "advocate-" + UUID.randomUUID();
    private final String token = TestKeys.token(Caller.ADVOCATE, advocate, null);

    private String acceptedCase() throws Exception {
        String caseId = json(post("/api/cases", forNewPerson("""
                {"advocacyType":"COMMUNITY","referralSource":"SELF","referredOn":"2026-01-05"}"""), token))
                .get("caseId").asString();
        assertThat(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"2026-01-06\"}", token).statusCode())
                .isEqualTo(204);
        assertThat(post("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + advocate + "\"}", token)
                .statusCode()).isEqualTo(204);
        return caseId;
    }

    @Test
    void everyAggregateKeepsItsLockUntilItsTransactionEnds() throws Exception {
        assertThat(AggregateSettings.withoutTransactionScopedLocks("org.heard.cases")).isEmpty();
    }

    @Test
    void anotherAdvocatesRefusedClosureIsReplayedAsTheSame403() throws Exception {
        String caseId = acceptedCase();
        String intruder = TestKeys.token(Caller.ADVOCATE, "advocate-other-" + UUID.randomUUID(), null);
        String body = "{\"reason\":\"OTHER\",\"closedOn\":\"2026-01-07\"}";

        HttpResponse<String> first = send("POST", "/api/cases/" + caseId + "/close", body, intruder, "close-1");
        HttpResponse<String> retry = send("POST", "/api/cases/" + caseId + "/close", body, intruder, "close-1");

        assertThat(first.statusCode()).isEqualTo(403);
        assertThat(retry.statusCode()).isEqualTo(403);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(get("/api/cases/" + caseId, token)).get("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void aBrokenRuleIsReplayedWithTheSameProblem() throws Exception {
        String caseId = acceptedCase();
        assertThat(post("/api/cases/" + caseId + "/close", "{\"reason\":\"GOALS_MET\",\"closedOn\":\"2026-01-07\"}",
                token).statusCode()).isEqualTo(204);
        String body = "{\"reason\":\"OTHER\",\"closedOn\":\"2026-01-08\"}";

        HttpResponse<String> first = send("POST", "/api/cases/" + caseId + "/close", body, token, "close-again");
        HttpResponse<String> retry = send("POST", "/api/cases/" + caseId + "/close", body, token, "close-again");

        assertThat(first.statusCode()).isEqualTo(409);
        assertThat(json(first).get("rule").asString()).isEqualTo("case-already-closed");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void concurrentRetriesOfOneReferralOpenOneCase() throws Exception {
        String body = forNewPerson("""
                {"advocacyType":"IMHA","referralSource":"TRUST_FEED","referredOn":"2026-01-05"}""");
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/cases"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .header("Idempotency-Key", "referral-" + body.hashCode())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<String> caseIds = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            caseIds.add(json(response).get("caseId").asString());
        }
        assertThat(caseIds).containsOnly(caseIds.get(0));
        String personId = json(answers.get(0).get()).get("personId").asString();
        assertThat(jdbc.queryForObject("select count(*) from case_summary where person_id = ?", Long.class, personId))
                .isEqualTo(1L);
    }
}
