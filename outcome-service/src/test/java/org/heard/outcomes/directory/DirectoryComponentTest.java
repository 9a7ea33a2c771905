package org.heard.outcomes.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.heard.contracts.Topic;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.AggregateSettings;
import org.heard.kit.testing.TestKeys;
import org.heard.outcomes.OutcomeServiceTestBase;
import org.heard.contracts.cases.CaseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * outcome-service learns people and cases from case-service's events on the real broker, and refuses what names a
 * person or case it does not know, or an erased person.
 */
class DirectoryComponentTest extends OutcomeServiceTestBase {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

    @Autowired
    CaseDirectory directory;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DirectoryConsumer consumer;

    private final CaseEvents events = new CaseEvents();
    private static final String ADVOCATE_ID = "advocate-" + UUID.randomUUID();
    private final String advocate = TestKeys.token(Caller.ADVOCATE, ADVOCATE_ID, null);

    @AfterEach
    void close() {
        events.close();
    }

    private String goal(String personId, String caseId) {
        return """
                {"personId":"%s","caseId":"%s","domain":"PERSONAL_DEVELOPMENT","description":"Speak at my CPA",
                 "scale":"GOAL_BASED_OUTCOMES","setOn":"%s"}""".formatted(personId, caseId, TODAY);
    }

    private String outcome(String personId, String caseId) {
        return """
                {"personId":"%s","caseId":"%s","domain":"CARE_AND_TREATMENT","subType":"leave-granted",
                 "perspective":"ADVOCATE","extentOfChange":"SOME","advocacyContribution":"SOME","on":"%s"}"""
                .formatted(personId, caseId, TODAY);
    }

    private String assessment(String personId, String caseId) {
        return """
                {"personId":"%s","caseId":"%s","frameworkId":"heard-empowerment","frameworkVersion":1,
                 "timepoint":"BASELINE","completedOn":"%s","completedBy":"SELF","responses":[]}"""
                .formatted(personId, caseId, TODAY);
    }

    private void known(String personId, String caseId) {
        events.personWithCaseOn(personId, caseId, TestKeys.PROVIDER, ADVOCATE_ID, TestKeys.TEAM);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> directory.person(personId).isPresent()
                        && directory.find(caseId).filter(c -> ADVOCATE_ID.equals(c.advocateId())).isPresent());
    }

    private double skipped(String reason) {
        var counter = meters.find("heard.directory.records.skipped").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void everyAggregateKeepsItsLockUntilItsTransactionEnds() throws Exception {
        assertThat(AggregateSettings.withoutTransactionScopedLocks("org.heard.outcomes")).isEmpty();
    }

    @Test
    void aGoalForAPersonCaseServiceNeverRegisteredIsRefusedNamingPersonIdButNotItsValue() throws Exception {
        String madeUp = UUID.randomUUID().toString();
        long started = System.nanoTime();

        HttpResponse<String> response = post("/api/goals", goal(madeUp, UUID.randomUUID().toString()), advocate);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo("personId");
        assertThat(response.body()).doesNotContain(madeUp);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for the id to arrive")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aPersonAndCaseThatArriveWhileTheCommandWaitsAreAccepted() throws Exception {
        known(UUID.randomUUID().toString(), UUID.randomUUID().toString()); // the consumer is reading
        String personId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();

        CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/api/goals", goal(personId, caseId), advocate);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        events.personWithCaseOn(personId, caseId, TestKeys.PROVIDER, ADVOCATE_ID, TestKeys.TEAM);

        HttpResponse<String> response = answer.get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void whileTheDirectoryIsBehindTheTopicACommandIsAnswered503ToRetryNotAFalse422() throws Exception {
        known(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(this::committedAll);
        String personId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        consumer.stop(); // e.g. outcome-service restarting, or reading a backlog: the person is on the topic only
        HttpResponse<String> behind;
        try {
            events.personWithCaseOn(personId, caseId, TestKeys.PROVIDER, ADVOCATE_ID, TestKeys.TEAM);
            behind = post("/api/goals", goal(personId, caseId), advocate);
        } finally {
            consumer.start();
        }

        assertThat(behind.statusCode()).as(behind.body()).isEqualTo(503);
        assertThat(behind.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(json(behind).get("type").asString()).isEqualTo("urn:heard:problem:unavailable");
        HttpResponse<String> retried = post("/api/goals", goal(personId, caseId), advocate);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
    }

    @Test
    void aCaseOfAnotherPersonIsRefusedNamingCaseId() throws Exception {
        String personId = UUID.randomUUID().toString();
        String someoneElse = UUID.randomUUID().toString();
        String theirCase = UUID.randomUUID().toString();
        known(personId, UUID.randomUUID().toString());
        known(someoneElse, theirCase);

        HttpResponse<String> response = post("/api/outcomes", outcome(personId, theirCase), advocate);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo("caseId");
        assertThat(response.body()).doesNotContain(theirCase).doesNotContain(personId);
    }

    @Test
    void nothingNewIsAcceptedForAnErasedPerson() throws Exception {
        String personId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        known(personId, caseId);
        HttpResponse<String> set = post("/api/goals", goal(personId, caseId), advocate);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(201);
        String goalId = json(set).get("id").asString();
        events.erased(personId, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.isErased(personId));

        for (String[] attempt : new String[][] {{"/api/goals", goal(personId, caseId)},
                {"/api/outcomes", outcome(personId, caseId)}, {"/api/assessments", assessment(personId, caseId)},
                {"/api/goals/" + goalId + "/ratings", "{\"rating\":3,\"ratedBy\":\"ADVOCATE\",\"ratedOn\":\"" + TODAY
                        + "\"}"}}) {
            HttpResponse<String> response = post(attempt[0], attempt[1], advocate);
            assertThat(response.statusCode()).as(attempt[0] + ": " + response.body()).isEqualTo(409);
            assertThat(json(response).get("rule").asString()).isEqualTo("person-erased");
        }
    }

    @Test
    void recordsThatCannotBeReadAreSkippedAndCountedAndTheRecordsAfterThemApplied() throws Exception {
        double unreadable = skipped("unreadable-envelope");
        double unknownType = skipped("unknown-type");
        double badData = skipped("unreadable-data");
        double badField = skipped("invalid-field");
        String personId = UUID.randomUUID().toString();

        // all keyed by the person: one partition, in this order
        events.send(new ProducerRecord<>(Topic.CASE.topicName(), personId, "not a cloud event".getBytes()));
        events.send(headers(personId, "org.heard.case.SomethingNew.v1", "{}"));
        events.send(headers(personId, "org.heard.case.PersonRegistered.v1", "{\"personId\": [unclosed"));
        events.send(headers(personId, "org.heard.case.PersonRegistered.v1", "{\"personId\":\"a\\u0000b\"}"));
        events.registered(personId);

        await().atMost(Duration.ofSeconds(30)).until(() -> directory.person(personId).isPresent());
        assertThat(skipped("unreadable-envelope")).isEqualTo(unreadable + 1);
        assertThat(skipped("unknown-type")).isEqualTo(unknownType + 1);
        assertThat(skipped("unreadable-data")).isEqualTo(badData + 1);
        assertThat(skipped("invalid-field")).isEqualTo(badField + 1);
    }

    private static ProducerRecord<String, byte[]> headers(String key, String type, String json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topic.CASE.topicName(), key,
                json.getBytes(StandardCharsets.UTF_8));
        Map<String, String> attributes = Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_source", "/heard/case-service", "ce_type", type, "ce_time", "2026-01-01T00:00:00Z",
                "ce_aggregateid", key, "ce_aggregatesequence", "0", "content-type", "application/json");
        attributes.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    @Test
    void redeliveredAndOlderEventsChangeNothing() throws Exception {
        String personId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        known(personId, caseId);

        events.assigned(personId, caseId, "advocate-later", 3);
        events.send(new CaseClosed(caseId, personId, ClosureReason.GOALS_MET, TODAY), "AdvocacyCase", caseId, 4);
        events.assigned(personId, caseId, "advocate-later", 3); // redelivered
        // a rewind: older events of the case again
        events.referred(personId, caseId);
        events.assigned(personId, caseId, "advocate-earlier", 2);
        await().atMost(Duration.ofSeconds(30)).until(this::committedAll);

        CaseDirectory.Case found = directory.find(caseId).orElseThrow();
        assertThat(found.advocateId()).isEqualTo("advocate-later");
        assertThat(found.status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(found.personId()).isEqualTo(personId);
        assertThat(found.providerId()).as("a replayed referral naming no provider keeps the case's")
                .isEqualTo(TestKeys.PROVIDER);
    }

    /** True once the directory's group has committed every record on the topic: each was written first. */
    private boolean committedAll() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(DIRECTORY_GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < 3; p++) {
                latest.put(new TopicPartition(Topic.CASE.topicName(), p), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                    || (committed.get(end.getKey()) != null
                    && committed.get(end.getKey()).offset() == end.getValue().offset()));
        }
    }

    @Test
    void aBatchThatCannotBeWrittenIsNeitherCommittedNorLostAndIsWrittenOnceTheDatabaseIsBack() throws Exception {
        known(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(this::committedAll);
        jdbc.execute("alter table directory_person rename to directory_person_away");
        String personId = UUID.randomUUID().toString();
        try {
            double failures = meters.counter("heard.directory.batch.failures").count();
            events.registered(personId);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> meters.counter("heard.directory.batch.failures").count() > failures);
            assertThat(committedAll()).as("the unwritten batch is not committed").isFalse();
        } finally {
            jdbc.execute("alter table directory_person_away rename to directory_person");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.person(personId).isPresent());
        await().atMost(Duration.ofSeconds(30)).until(this::committedAll);
    }
}
