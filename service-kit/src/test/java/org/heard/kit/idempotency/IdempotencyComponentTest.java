package org.heard.kit.idempotency;

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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.caching.Cache;
import org.heard.contracts.testing.DockerIt;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.idempotency.tally.TallyApplication;
import org.heard.kit.idempotency.tally.TallyApplication.Hold;
import org.heard.kit.idempotency.tally.TallyApplication.Holds;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.heard.kit.testing.TestPostgres;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The idempotency filter of a real write service (Axon on PostgreSQL, over real HTTP): what is kept for a key is the
 * answer actually sent, a request's effects and its key are stored together or not at all, and a key whose request
 * died is free for the retry.
 */
@ExtendWith(DockerIt.class)
@SpringBootTest(classes = TallyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=kit-test", "heard.kafka.source=/heard/kit-test",
                "axon.axonserver.enabled=false", "axon.serializer.general=jackson3", "axon.serializer.events=jackson3",
                "axon.serializer.messages=jackson3", "axon.timeout.enabled=false", "axon.update-check.disabled=true",
                "spring.datasource.username=postgres", "spring.datasource.password=postgres",
                "heard.idempotency.wait-for-first=2s", "heard.idempotency.cleanup-interval=300ms"})
class IdempotencyComponentTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestPostgres.newDatabase("kit"));
        registry.add("heard.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        TestKeys.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Cache aggregateCache;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String caller = "advocate-" + UUID.randomUUID();
    private final String token = TestKeys.token(Caller.ADVOCATE, caller, null);
    private final String tally = UUID.randomUUID().toString();

    private HttpRequest request(String label, String then, String key, boolean explode) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/test/tallies/" + tally + "/marks"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"label\":\"" + label + "\",\"then\":\"" + then + "\"}"));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (explode) {
            request.header("X-Test-Explode", "yes");
        }
        return request.build();
    }

    private HttpResponse<String> mark(String label, String then, String key) throws Exception {
        return http.send(request(label, then, key, false), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private CompletableFuture<HttpResponse<String>> markAsync(String label, String then, String key) {
        return http.sendAsync(request(label, then, key, false),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?", Long.class,
                tally);
    }

    private List<Long> sequences() {
        return jdbc.queryForList("select sequence_number from domain_event_entry where aggregate_identifier = ?"
                + " order by sequence_number", Long.class, tally);
    }

    private long keys(String key) {
        return jdbc.queryForObject("select count(*) from idempotency_key where caller = ? and key = ?", Long.class,
                caller, key);
    }

    private static boolean replayed(HttpResponse<String> response) {
        return response.headers().firstValue("Idempotent-Replayed").isPresent();
    }

    private Hold holdReached(String label) throws InterruptedException {
        Hold hold = Holds.of(label);
        assertThat(hold.reached.await(20, TimeUnit.SECONDS)).as("the held request got half-way").isTrue();
        return hold;
    }

    @Nested
    class WhatIsKept {

        @Test
        void aSuccessIsRecordedOnceAndReplayedWithItsBody() throws Exception {
            String key = UUID.randomUUID().toString();

            HttpResponse<String> first = mark("a", "mark", key);
            HttpResponse<String> retry = mark("a", "mark", key);

            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            assertThat(retry.statusCode()).isEqualTo(201);
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(replayed(retry)).isTrue();
            assertThat(replayed(first)).isFalse();
            assertThat(events()).isEqualTo(1);
        }

        @Test
        void aRecordLevelRefusalIsKeptAsThe403ProblemThatWasSent() throws Exception {
            String key = UUID.randomUUID().toString();

            HttpResponse<String> first = mark("a", "deny", key);
            HttpResponse<String> retry = mark("a", "deny", key);

            assertThat(first.statusCode()).isEqualTo(403);
            assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(retry.statusCode()).isEqualTo(403);
            assertThat(retry.body()).isEqualTo(first.body()).contains("\"status\":403");
            assertThat(retry.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
            assertThat(replayed(retry)).isTrue();
        }

        @Test
        void aBrokenRuleIsReplayedAsThe409ProblemThatWasSent() throws Exception {
            assertThat(mark("a", "mark", null).statusCode()).isEqualTo(201);
            aggregateCache.removeAll(); // as the garbage collector may: the command reads the tally from the store
            String key = UUID.randomUUID().toString();

            HttpResponse<String> first = mark("a", "mark", key);
            HttpResponse<String> retry = mark("a", "mark", key);

            assertThat(first.statusCode()).as(first.body()).isEqualTo(409);
            assertThat(first.body()).contains("\"rule\":\"label-marked\"");
            assertThat(retry.statusCode()).isEqualTo(409);
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(replayed(retry)).isTrue();
            assertThat(events()).isEqualTo(1);
        }

        @Test
        void aRefusalAfterACommandUndoesTheCommandAndTheCachedStateWithIt() throws Exception {
            assertThat(mark("a", "mark", null).statusCode()).isEqualTo(201);
            String key = UUID.randomUUID().toString();

            HttpResponse<String> twice = mark("b", "twice", key);

            assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
            assertThat(mark("b", "twice", key).body()).isEqualTo(twice.body());
            assertThat(events()).as("the first mark of b went with the refusal").isEqualTo(1);
            // the cache must not remember b either, nor the sequence it took
            HttpResponse<String> b = mark("b", "mark", null);
            assertThat(b.statusCode()).as(b.body()).isEqualTo(201);
            assertThat(sequences()).containsExactly(0L, 1L);
        }

        @Test
        void aFailureIsNotKeptAndWhatItRecordedIsUndone() throws Exception {
            String key = UUID.randomUUID().toString();

            HttpResponse<String> first = mark("a", "fail-after", key);

            assertThat(first.statusCode()).isEqualTo(500);
            assertThat(first.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(events()).isZero();
            assertThat(keys(key)).isZero();
            HttpResponse<String> retry = mark("a", "fail-after", key);
            assertThat(retry.statusCode()).isEqualTo(500);
            assertThat(replayed(retry)).isFalse();
        }

        @Test
        void anExceptionThatEscapesTheDispatcherLeavesNoRecordAndNoKey() throws Exception {
            String key = UUID.randomUUID().toString();

            HttpResponse<String> first = http.send(request("a", "mark", key, true), HttpResponse.BodyHandlers.ofString());

            assertThat(first.statusCode()).isEqualTo(500);
            assertThat(events()).isZero();
            assertThat(keys(key)).isZero();
            HttpResponse<String> retry = mark("a", "mark", key);
            assertThat(retry.statusCode()).isEqualTo(201);
            assertThat(replayed(retry)).isFalse();
            assertThat(events()).isEqualTo(1);
        }
    }

    @Nested
    class WhenTheFirstRequestIsStillRunningOrDied {

        @Test
        void aRequestWhoseDatabaseSessionDiedLeavesNeitherEventsNorKeyAndItsRetryRuns() throws Exception {
            String key = UUID.randomUUID().toString();
            String label = "died-" + UUID.randomUUID();
            CompletableFuture<HttpResponse<String>> first = markAsync(label, "hold-after", key);
            Hold hold = holdReached(label);

            // what PostgreSQL does when the service's process dies: the session ends, its transaction is undone
            jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class, hold.backendPid);

            await().atMost(Duration.ofSeconds(10)).until(() -> events() == 0 && keys(key) == 0);
            CompletableFuture<HttpResponse<String>> retried = markAsync(label, "hold-after", key); // the same request
            hold.release.countDown();
            assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isGreaterThanOrEqualTo(500);

            HttpResponse<String> retry = retried.get(20, TimeUnit.SECONDS);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
            assertThat(replayed(retry)).isFalse();
            assertThat(events()).isEqualTo(1);
            assertThat(mark(label, "hold-after", key).body()).isEqualTo(retry.body());
        }

        @Test
        void aConcurrentDuplicateWaitsForTheFirstAndGetsItsAnswer() throws Exception {
            String key = UUID.randomUUID().toString();
            String label = "slow-" + UUID.randomUUID();
            CompletableFuture<HttpResponse<String>> first = markAsync(label, "hold-after", key);
            Hold hold = holdReached(label);

            CompletableFuture<HttpResponse<String>> duplicate = markAsync(label, "hold-after", key);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> !duplicate.isDone());
            hold.release.countDown();

            HttpResponse<String> answer = first.get(20, TimeUnit.SECONDS);
            HttpResponse<String> replay = duplicate.get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(201);
            assertThat(replay.body()).isEqualTo(answer.body());
            assertThat(replayed(replay)).isTrue();
            assertThat(events()).isEqualTo(1);
        }

        @Test
        void manyConcurrentDuplicatesRecordOnce() throws Exception {
            assertThat(mark("warm", "mark", null).statusCode()).isEqualTo(201); // so that the first is quick
            String key = UUID.randomUUID().toString();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(markAsync("a", "mark", key));
            }
            List<String> bodies = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(20, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                bodies.add(response.body());
            }
            assertThat(bodies).containsOnly(bodies.get(0));
            assertThat(events()).isEqualTo(2);
        }

        @Test
        void aDuplicateThatWaitedLongerThanTheBoundIsToldToRetry() throws Exception {
            String key = UUID.randomUUID().toString();
            String label = "stuck-" + UUID.randomUUID();
            CompletableFuture<HttpResponse<String>> first = markAsync(label, "hold-after", key);
            Hold hold = holdReached(label);

            HttpResponse<String> duplicate = mark(label, "hold-after", key); // waits wait-for-first (2 s)

            assertThat(duplicate.statusCode()).isEqualTo(409);
            assertThat(duplicate.headers().firstValue("Retry-After")).isPresent();
            assertThat(duplicate.body()).contains("in progress");
            hold.release.countDown();
            HttpResponse<String> answer = first.get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(201);
            HttpResponse<String> retry = mark(label, "hold-after", key);
            assertThat(retry.body()).isEqualTo(answer.body());
            assertThat(replayed(retry)).isTrue();
        }

        @Test
        void anotherCommandOnTheRecordWaitsUntilTheFirstTransactionEndsAndNeverSeesWhatItUndid() throws Exception {
            assertThat(mark("a", "mark", null).statusCode()).isEqualTo(201);
            String label = "undone-" + UUID.randomUUID();
            CompletableFuture<HttpResponse<String>> first = markAsync(label, "hold-after", UUID.randomUUID().toString());
            Hold hold = holdReached(label);

            // the same label, without a key: it must not decide on the first request's uncommitted mark
            CompletableFuture<HttpResponse<String>> other = markAsync(label, "mark", null);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> !other.isDone());
            jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class, hold.backendPid);
            hold.release.countDown();

            assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isGreaterThanOrEqualTo(500);
            HttpResponse<String> answer = other.get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            assertThat(sequences()).containsExactly(0L, 1L);
        }
    }

    @Nested
    class Expiry {

        @Test
        void anExpiredAnswerIsNotReplayedAndExpiredKeysAreDeleted() throws Exception {
            String key = UUID.randomUUID().toString();
            assertThat(mark("a", "mark", key).statusCode()).isEqualTo(201);
            jdbc.update("update idempotency_key set created_at = created_at - interval '25 hours'"
                    + " where caller = ? and key = ?", caller, key);

            HttpResponse<String> later = mark("b", "mark", key); // another request: the old answer has expired

            assertThat(later.statusCode()).as(later.body()).isEqualTo(201);
            assertThat(replayed(later)).isFalse();
            assertThat(events()).isEqualTo(2);
            String other = UUID.randomUUID().toString();
            assertThat(mark("c", "mark", other).statusCode()).isEqualTo(201);
            jdbc.update("update idempotency_key set created_at = created_at - interval '25 hours'"
                    + " where caller = ? and key = ?", caller, other);
            await().atMost(Duration.ofSeconds(10)).until(() -> keys(other) == 0);
            assertThat(keys(key)).as("a live key stays").isEqualTo(1);
        }
    }
}
