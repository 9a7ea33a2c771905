package org.heard.reporting.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.heard.contracts.EventCatalogue;
import org.heard.contracts.Topic;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.ConsentScope;
import org.heard.contracts.cases.ConsentWithdrawn;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.Timepoint;
import org.heard.contracts.persons.ErasureReason;
import org.heard.contracts.persons.PersonErased;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.testing.TestKafka;
import org.heard.reporting.timeline.PersonTimeline;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** reporting-service against a real in-process Kafka broker and mongo-java-server, read over real HTTP. */
class ReportingComponentTest extends ReportingComponentBase {

    private HttpResponse<String> get(String path) throws Exception {
        String person = path.startsWith("/api/persons/") ? path.split("/")[3] : null;
        return get(path, TestKeys.token(Caller.SERVICE_USER, "su", person));
    }

    private static ProducerRecord<String, byte[]> referral(String personId, String caseId, AdvocacyType type,
                                                         String day) {
        return record(new ReferralReceived(caseId, personId, type, ReferralSource.PROFESSIONAL, LocalDate.parse(day),
                null, null, null, null, TestKeys.PROVIDER), "AdvocacyCase", caseId, 0, day + "T09:00:00Z");
    }

    @Test
    void anErasedPersonsTimelineIsDeletedAndNotRebuiltWhileCohortFactsRemain() throws Exception {
        String person = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        send(referral(person, caseId, AdvocacyType.IMCA, "2025-05-02"));
        send(record(new AdvocateAssigned(caseId, person, "advocate-9"), "AdvocacyCase", caseId, 1,
                "2025-05-03T09:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> projections.live().timelines().find(person).isPresent());
        String analyst = TestKeys.token(Caller.ANALYST);
        String before = get("/api/impact/referrals?month=2025-05", analyst).body();

        send(record(new PersonErased(person, ErasureReason.PERSON_REQUEST, LocalDate.parse("2025-06-01")), "Person",
                person, 0, "2025-06-01T09:00:00Z"));
        // an event of theirs from another topic, arriving after the erasure (as on a replay)
        send(record(new AssessmentCompleted(UUID.randomUUID().toString(), person, caseId, "heard-empowerment", 1,
                Timepoint.REVIEW, java.math.BigDecimal.TEN, LocalDate.parse("2025-05-20"), null, null, null),
                "Assessment",
                UUID.randomUUID().toString(), 0, "2025-05-20T09:00:00Z"));
        String marker = UUID.randomUUID().toString();
        send(referral(marker, UUID.randomUUID().toString(), AdvocacyType.IMCA, "2025-04-01"));
        await().atMost(Duration.ofSeconds(30)).until(() -> projections.live().timelines().find(marker).isPresent());
        await().atMost(Duration.ofSeconds(30)).until(() -> projections.live().timelines().find(person).isEmpty());

        assertThat(get("/api/persons/" + person + "/timeline").statusCode()).isEqualTo(404);
        assertThat(get("/api/impact/referrals?month=2025-05", analyst).body()).isEqualTo(before);
        // Their cohort profile stays as an anonymous fact: no person id, same categories, still counted.
        assertThat(projections.live().profiles().find(person)).isEmpty();
        List<org.heard.reporting.cohort.ProfileIndex.Indexed> anonymous = projections.index().all().stream()
                .filter(stored -> stored.erased() && stored.profile().caseIds().contains(caseId)).toList();
        assertThat(anonymous).hasSize(1);
        assertThat(anonymous.get(0).personId()).isNull();
        assertThat(anonymous.get(0).profile().advocacyType()).isEqualTo("IMCA");
        assertThat(projections.live().database().getCollection("cohort_profile")
                .find(com.mongodb.client.model.Filters.eq("_id", anonymous.get(0).id())).first().toJson())
                .doesNotContain(person);
    }

    @Test
    void trajectoriesKeepEveryReadingForThePersonAndUnderPseudonymsForAnalysts() throws Exception {
        String person = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        send(referral(person, caseId, AdvocacyType.IMHA, "2026-01-05"));
        String[][] readings = {{"BASELINE", "2026-01-12", "2.5"}, {"REVIEW", "2026-02-23", "2.9"},
                {"CLOSURE", "2026-04-06", "3.5"}};
        for (String[] r : readings) {
            send(record(new AssessmentCompleted(UUID.randomUUID().toString(), person, caseId, "heard-empowerment", 1,
                    Timepoint.valueOf(r[0]), new java.math.BigDecimal(r[2]), LocalDate.parse(r[1]), null, null, null),
                    "Assessment", UUID.randomUUID().toString(), 0, r[1] + "T09:00:00Z"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = get("/api/persons/" + person + "/trajectories");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode trajectories = EventJson.mapper().readTree(response.body()).get("trajectories");
            assertThat(trajectories).hasSize(1);
            JsonNode points = trajectories.get(0).get("points");
            assertThat(points).hasSize(3);
            assertThat(points.get(2).get("changeFromBaseline").decimalValue()).isEqualByComparingTo("1.0");
            assertThat(points.get(2).get("weeksSinceReferral").asInt()).isEqualTo(13);
        });
        assertThat(get("/api/persons/" + person + "/trajectories",
                TestKeys.token(Caller.SERVICE_USER, "su", UUID.randomUUID().toString())).statusCode()).isEqualTo(403);

        String analyst = TestKeys.token(Caller.ANALYST);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String body = get("/api/impact/trajectories?dataset=study-a&framework=heard-empowerment", analyst).body();
            assertThat(body).doesNotContain(person).contains("\"latestChange\":1.0");
        });
        HttpResponse<String> csv = getCsv("/api/impact/cohorts?groupBy=advocacyType&advocacyType=IMHA", analyst);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElse("")).contains(",Advocacy type,People (count),");
        assertThat(csv.body().lines().skip(1).findFirst().orElse("")).matches("\\d{4}-\\d{2}-\\d{2},IMHA,.*");
        assertThat(get("/api/impact/trajectories?dataset=no%20spaces", analyst).statusCode()).isEqualTo(400);
    }

    /** Waits until the live consumer has committed up to the end of every event topic. */
    private void awaitCaughtUp() {
        Map<String, Object> config = Map.of("bootstrap.servers", TestKafka.bootstrapServers());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(config);
             KafkaConsumer<String, byte[]> probe = new KafkaConsumer<>(Map.of("bootstrap.servers",
                     TestKafka.bootstrapServers()), new org.apache.kafka.common.serialization.StringDeserializer(),
                     new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : Topic.eventTopics()) {
                probe.partitionsFor(topic.topicName()).forEach(info -> partitions.add(
                        new org.apache.kafka.common.TopicPartition(info.topic(), info.partition())));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                var committed = admin.listConsumerGroupOffsets(GROUP_ID).partitionsToOffsetAndMetadata().get();
                var ends = probe.endOffsets(partitions);
                return partitions.stream().allMatch(p -> ends.get(p) == 0 || (committed.get(p) != null
                        && committed.get(p).offset() >= ends.get(p)));
            });
        }
    }

    /** Every document of every projection collection of the live generation, by collection and id, made comparable. */
    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> snapshot = new java.util.TreeMap<>();
        for (String collection : org.heard.reporting.projection.Projections.COLLECTIONS) {
            List<String> documents = new ArrayList<>();
            for (org.bson.Document document : projections.live().database().getCollection(collection).find()) {
                document.remove("version");  // how many writes made a timeline, not what it holds
                documents.add(org.heard.reporting.projection.Canonical.json(document));
            }
            java.util.Collections.sort(documents);
            snapshot.put(collection, documents);
        }
        return snapshot;
    }

    @Test
    void aRebuildFromOffsetZeroEndsIdenticalToTheLiveProjectionsAndIsSwitchedTo() throws Exception {
        String withdrawing = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        send(referral(withdrawing, caseId, AdvocacyType.COMMUNITY, "2025-09-01"));
        send(record(new ConsentWithdrawn(withdrawing, ConsentScope.EVALUATION, LocalDate.parse("2025-10-01")), "Person",
                withdrawing, 0, "2025-10-01T09:00:00Z"));
        String erased = UUID.randomUUID().toString();
        send(referral(erased, UUID.randomUUID().toString(), AdvocacyType.COMMUNITY, "2025-09-02"));
        send(record(new PersonErased(erased, ErasureReason.PERSON_REQUEST, LocalDate.parse("2025-11-01")), "Person",
                erased, 1, "2025-11-01T09:00:00Z"));
        String operations = TestKeys.token(Caller.OPERATIONS);
        assertThat(post("/api/operations/projections/rebuild", TestKeys.token(Caller.ANALYST)).statusCode())
                .isEqualTo(403);

        Map<String, List<String>> live = rebuildAndCompare();
        assertThat(live.get("person_timeline")).isNotEmpty();
        assertThat(live.get("cohort_profile")).isNotEmpty();
        String newcomer = UUID.randomUUID().toString();
        send(referral(newcomer, UUID.randomUUID().toString(), AdvocacyType.IMHA, "2026-03-01"));
        await().atMost(Duration.ofSeconds(30)).until(() -> projections.live().timelines().find(newcomer).isPresent());
        String metrics = get("/actuator/prometheus", operations).body();
        assertThat(metrics).contains("heard_reporting_rebuild_progress").contains("heard_reporting_projection_delay");
    }

    /**
     * Waits until every record is in the live projections, rebuilds them from offset zero, and checks that the
     * rebuilt generation, now live, holds exactly the same documents.
     *
     * @return the live projections as they were before the rebuild
     */
    private Map<String, List<String>> rebuildAndCompare() throws Exception {
        awaitCaughtUp();
        Map<String, List<String>> live = snapshot();
        int generation = projections.live().generation();
        String operations = TestKeys.token(Caller.OPERATIONS);
        HttpResponse<String> started = post("/api/operations/projections/rebuild", operations);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode view = EventJson.mapper().readTree(get("/api/operations/projections", operations).body());
            assertThat(view.get("rebuild").get("state").asString()).isEqualTo("SWITCHED");
            assertThat(view.get("liveGeneration").asInt()).isEqualTo(generation + 1);
            assertThat(view.get("rebuild").get("percent").asDouble()).isEqualTo(100.0);
        });
        assertThat(projections.live().generation()).isEqualTo(generation + 1);
        assertThat(snapshot()).isEqualTo(live);
        return live;
    }

    private HttpResponse<String> post(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void analystsSeeOnlySuppressedAndRoundedCounts() throws Exception {
        for (int i = 0; i < 9; i++) {
            send(referral(UUID.randomUUID().toString(), UUID.randomUUID().toString(), AdvocacyType.IMHA, "2024-02-10"));
        }
        for (int i = 0; i < 3; i++) {
            send(referral(UUID.randomUUID().toString(), UUID.randomUUID().toString(), AdvocacyType.CAMHS, "2024-02-11"));
        }
        String analyst = TestKeys.token(Caller.ANALYST);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode table = EventJson.mapper().readTree(
                    get("/api/impact/referrals?month=2024-02&groupBy=advocacyType", analyst).body());
            assertThat(table.get("total").asString()).isEqualTo("10"); // 12 rounded to the nearest 5
            Map<String, String> cells = new HashMap<>();
            table.get("rows").forEach(r -> cells.put(r.get("group").get("advocacyType").asString(),
                    r.get("count").asString()));
            assertThat(cells).containsEntry("IMHA", "10").containsEntry("CAMHS", "*");
        });
        assertThat(getCsv("/api/impact/referrals?month=2024-02&groupBy=advocacyType", analyst).body().lines()
                .skip(1).map(line -> line.substring(line.indexOf(',') + 1)).toList())
                .containsExactly("CAMHS,*", "IMHA,10", "total,10");

        HttpResponse<String> unknown = get("/api/impact/referrals?groupBy=ethnicity", analyst);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(EventJson.mapper().readTree(unknown.body()).get("errors").get(0).get("field").asString())
                .isEqualTo("groupBy");
        assertThat(get("/api/impact/referrals?colour=red", analyst).statusCode()).isEqualTo(400);
    }

    @Test
    void personLevelRowsCarryPerDatasetPseudonymsOnly() throws Exception {
        String person = UUID.randomUUID().toString();
        send(referral(person, UUID.randomUUID().toString(), AdvocacyType.CARE_ACT, "2024-03-01"));
        await().atMost(Duration.ofSeconds(30)).until(() -> projections.live().timelines().find(person).isPresent());
        String analyst = TestKeys.token(Caller.ANALYST);

        String a1 = get("/api/impact/people?dataset=commissioner-2024", analyst).body();
        String a2 = get("/api/impact/people?dataset=commissioner-2024", analyst).body();
        String b = get("/api/impact/people?dataset=research-panel", analyst).body();

        assertThat(a1).isEqualTo(a2).doesNotContain(person).contains("CARE_ACT");
        List<String> inA = new ArrayList<>();
        List<String> inB = new ArrayList<>();
        EventJson.mapper().readTree(a1).forEach(r -> inA.add(r.get("pseudonym").asString()));
        EventJson.mapper().readTree(b).forEach(r -> inB.add(r.get("pseudonym").asString()));
        assertThat(inA).hasSameSizeAs(inB).doesNotContainAnyElementsOf(inB);
        assertThat(get("/api/impact/people?dataset=bad%20name", analyst).statusCode()).isEqualTo(400);
    }

    @Test
    void everyEndpointAnswersEachRoleAsTheRulesSay() throws Exception {
        String person = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        send(referral(person, caseId, AdvocacyType.IMHA, "2024-04-01"));
        send(record(new AdvocateAssigned(caseId, person, "advocate-42"), "AdvocacyCase", caseId, 1,
                "2024-04-02T09:00:00Z"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> projections.live().timelines().find(person).map(t -> !t.advocates().isEmpty()).orElse(false));

        Map<String, String> tokens = Map.of(
                Caller.ADVOCATE, TestKeys.token(Caller.ADVOCATE, "advocate-42", null),
                Caller.SERVICE_USER, TestKeys.token(Caller.SERVICE_USER, "su", person),
                Caller.ANALYST, TestKeys.token(Caller.ANALYST),
                Caller.OPERATIONS, TestKeys.token(Caller.OPERATIONS),
                Caller.INTEGRATION, TestKeys.token(Caller.INTEGRATION));
        Map<String, List<String>> allowed = Map.of(
                "/api/persons/" + person + "/timeline", List.of(Caller.ADVOCATE, Caller.SERVICE_USER),
                "/api/persons/" + person + "/trajectories", List.of(Caller.ADVOCATE, Caller.SERVICE_USER),
                "/api/impact/referrals?groupBy=advocacyType", List.of(Caller.ANALYST),
                "/api/impact/people?dataset=d1", List.of(Caller.ANALYST),
                "/api/impact/cohorts?groupBy=advocacyType", List.of(Caller.ANALYST),
                "/api/impact/trajectories?dataset=d1", List.of(Caller.ANALYST),
                "/api/impact/wider", List.of(Caller.ANALYST),
                "/api/operations/projections", List.of(Caller.OPERATIONS),
                "/actuator/prometheus", List.of(Caller.OPERATIONS));
        for (Map.Entry<String, List<String>> endpoint : allowed.entrySet()) {
            for (Map.Entry<String, String> role : tokens.entrySet()) {
                int status = get(endpoint.getKey(), role.getValue()).statusCode();
                assertThat(status).as("GET %s as %s", endpoint.getKey(), role.getKey())
                        .isEqualTo(endpoint.getValue().contains(role.getKey()) ? 200 : 403);
            }
            for (String bad : new String[] {null, TestKeys.forged(Caller.ANALYST), TestKeys.expired(Caller.ANALYST),
                    TestKeys.wrongAudience(Caller.ANALYST), TestKeys.unsigned(Caller.ANALYST)}) {
                assertThat(get(endpoint.getKey(), bad).statusCode()).isEqualTo(401);
            }
        }
        // another advocate, the same staff id at another provider, or another person, does not get this timeline
        assertThat(get("/api/persons/" + person + "/timeline", TestKeys.token(Caller.ADVOCATE, "advocate-7", null))
                .statusCode()).isEqualTo(403);
        assertThat(get("/api/persons/" + person + "/timeline", TestKeys.token(Caller.ADVOCATE, "advocate-42", null,
                "provider-elsewhere", TestKeys.TEAM)).statusCode()).isEqualTo(403);
        assertThat(get("/api/impact/referrals?groupBy=provider,team", tokens.get(Caller.ANALYST)).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/persons/" + person + "/timeline",
                TestKeys.token(Caller.SERVICE_USER, "su2", UUID.randomUUID().toString())).statusCode()).isEqualTo(403);
    }

    private static ProducerRecord<String, byte[]> referral(String personId, String caseId, long sequence,
                                                         String eventId) {
        EventEnvelope envelope = EventEnvelope.wrap(new ReferralReceived(caseId, personId, AdvocacyType.COMMUNITY,
                        ReferralSource.SELF, LocalDate.parse("2026-01-05"), null, null, null, null), eventId, URI.create("/heard/case-service"),
                "AdvocacyCase", caseId, sequence, OffsetDateTime.parse("2026-01-05T09:00:00Z"), "c");
        return EnvelopeCodec.toRecord(Topic.CASE, envelope);
    }

    private static ProducerRecord<String, byte[]> closure(String personId, String caseId, long sequence, String day) {
        EventEnvelope envelope = EventEnvelope.wrap(new CaseClosed(caseId, personId, ClosureReason.GOALS_MET,
                        LocalDate.parse(day)), UUID.randomUUID().toString(), URI.create("/heard/case-service"),
                "AdvocacyCase", caseId, sequence, OffsetDateTime.parse(day + "T09:00:00Z"), "c");
        return EnvelopeCodec.toRecord(Topic.CASE, envelope);
    }

    @Test
    void eventsAppearOnThePersonsTimelineInTimeOrder() throws Exception {
        String person = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        send(referral(person, caseId, 0, UUID.randomUUID().toString()));
        send(closure(person, caseId, 1, "2026-02-01"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = get("/api/persons/" + person + "/timeline");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode entries = EventJson.mapper().readTree(response.body()).get("entries");
            assertThat(entries).hasSize(2);
            assertThat(entries.get(0).get("type").asString()).isEqualTo("org.heard.case.ReferralReceived.v1");
            assertThat(entries.get(0).get("data").get("advocacyType").asString()).isEqualTo("COMMUNITY");
            assertThat(entries.get(1).get("type").asString()).isEqualTo("org.heard.case.CaseClosed.v1");
        });
    }

    @Test
    void theSameRecordsDeliveredTwiceLeaveTheTimelineUnchanged() throws Exception {
        String person = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        List<ProducerRecord<String, byte[]>> records = List.of(
                referral(person, caseId, 0, UUID.randomUUID().toString()),
                closure(person, caseId, 1, "2026-02-01"));
        for (ProducerRecord<String, byte[]> record : records) {
            send(record);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> projections.live().timelines().find(person).map(t -> t.entries().size()).orElse(0) == 2);
        PersonTimeline once = projections.live().timelines().find(person).orElseThrow();

        for (ProducerRecord<String, byte[]> record : records) {
            send(record);
        }
        // A later event of the same aggregate, behind the duplicates on the same partition: once it is applied,
        // the duplicates have been consumed.
        send(closure(person, caseId, 2, "2026-03-01"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> projections.live().timelines().find(person).map(t -> t.entries().size()).orElse(0) == 3);

        PersonTimeline twice = projections.live().timelines().find(person).orElseThrow();
        assertThat(twice.entries()).hasSize(3);
        assertThat(twice.entries().subList(0, 2)).isEqualTo(once.entries());
    }

    @Test
    void anUnreadableRecordIsParkedWithItsReasonAndOthersKeepFlowing() throws Exception {
        String person = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        send(new ProducerRecord<>(Topic.CASE.topicName(), person,
                "{\"name\":\"not a cloud event\"}".getBytes(StandardCharsets.UTF_8)));
        send(referral(person, caseId, 0, UUID.randomUUID().toString()));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> projections.live().timelines().find(person).map(t -> t.entries().size()).orElse(0) == 1);

        try (KafkaConsumer<String, byte[]> dlt = TestKafka.consumer(Topic.DEAD_LETTER)) {
            List<ConsumerRecord<String, byte[]>> parked = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                TestKafka.poll(dlt, Duration.ofMillis(200)).stream().filter(r -> person.equals(r.key()))
                        .forEach(parked::add);
                assertThat(parked).hasSize(1);
            });
            ConsumerRecord<String, byte[]> record = parked.get(0);
            assertThat(new String(record.headers().lastHeader("heard.dlt.reason").value(), StandardCharsets.UTF_8))
                    .contains("not a CloudEvent").doesNotContain("not a cloud event");
            assertThat(new String(record.headers().lastHeader("heard.dlt.topic").value(), StandardCharsets.UTF_8))
                    .isEqualTo(Topic.CASE.topicName());
        }
    }

    @Test
    void theOpenApiDocumentLintsCleanAndListsEveryQueryParameterOfTheImpactViews() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);

        org.heard.kit.testing.OpenApiLint.Result lint = org.heard.kit.testing.OpenApiLint.lint("reporting-service",
                response.body());

        assertThat(lint.problems()).isEmpty();
        var cohorts = lint.document().getPaths().get("/api/impact/cohorts").getGet();
        assertThat(cohorts.getParameters()).extracting(io.swagger.v3.oas.models.parameters.Parameter::getName)
                .contains("groupBy", "asOf", "framework", "frameworkVersion", "referredFrom", "referredTo")
                .containsAll(org.heard.reporting.cohort.PersonProfile.DIMENSIONS).doesNotContain("parameters");
        var referrals = lint.document().getPaths().get("/api/impact/referrals").getGet();
        assertThat(referrals.getParameters()).extracting(io.swagger.v3.oas.models.parameters.Parameter::getName)
                .contains("groupBy", "advocacyType", "referralSource", "month", "quarter").doesNotContain("parameters");
        // a cohort row is its own schema, not the referral table's {group, count} row
        String cohortRow = cohorts.getResponses().get("200").getContent().get("application/json").getSchema()
                .getItems().get$ref();
        var rowSchema = lint.document().getComponents().getSchemas().get(cohortRow.substring(cohortRow.lastIndexOf('/') + 1));
        assertThat(rowSchema.getProperties()).containsKeys("group", "people", "meanChange");
    }

    @Test
    void anUnknownPersonIsANotFoundProblem() throws Exception {
        HttpResponse<String> response = get("/api/persons/" + UUID.randomUUID() + "/timeline");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void withdrawingEvaluationConsentTakesLaterDataOutOfAnalystOutputs() throws Exception {
        String analyst = TestKeys.token(Caller.ANALYST);
        String withdrawing = UUID.randomUUID().toString();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            others.add(UUID.randomUUID().toString());
            send(referral(others.get(i), UUID.randomUUID().toString(), AdvocacyType.IMCA, "2023-09-0" + (i + 1)));
        }
        // counted: before the withdrawal; not counted: after it
        send(referral(withdrawing, UUID.randomUUID().toString(), AdvocacyType.IMCA, "2023-09-01"));
        send(record(new ConsentWithdrawn(withdrawing, ConsentScope.EVALUATION, LocalDate.parse("2023-09-10")),
                "Person", withdrawing, 0, "2023-09-10T09:00:00Z"));
        for (int i = 0; i < 3; i++) {
            send(referral(withdrawing, UUID.randomUUID().toString(), AdvocacyType.IMCA, "2023-09-2" + i));
        }
        String marker = UUID.randomUUID().toString();
        send(referral(withdrawing, marker, AdvocacyType.IMCA, "2023-09-29"));
        await().atMost(Duration.ofSeconds(30)).until(() -> projections.live().timelines().find(withdrawing)
                .map(t -> t.entries().stream().anyMatch(e -> e.aggregateId().equals(marker))).orElse(false));

        await().atMost(Duration.ofSeconds(30)).until(() -> others.stream()
                .allMatch(p -> projections.live().timelines().find(p).isPresent()));

        // 9 others + 1 before the withdrawal = 10; the 4 after it are not counted (14 would publish as 15)
        JsonNode table = EventJson.mapper().readTree(get("/api/impact/referrals?month=2023-09", analyst).body());
        assertThat(table.get("total").asString()).isEqualTo("10");
        String people = get("/api/impact/people?dataset=consent-check", analyst).body();
        DatasetPseudonymsProbe probe = new DatasetPseudonymsProbe(people);
        assertThat(probe.rows()).isGreaterThanOrEqualTo(9);
        assertThat(people).doesNotContain(withdrawing);
        // the person themselves still sees their own timeline: consent to evaluation is not consent to casework
        assertThat(get("/api/persons/" + withdrawing + "/timeline").statusCode()).isEqualTo(200);
    }

    /** Counts the rows of a person-level answer. */
    private record DatasetPseudonymsProbe(String json) {
        int rows() {
            return EventJson.mapper().readTree(json).size();
        }
    }

    @Test
    void cohortImpactIsServedSuppressedAndRefusesUnknownDimensions() throws Exception {
        String analyst = TestKeys.token(Caller.ANALYST);
        for (int i = 0; i < 3; i++) {
            send(referral(UUID.randomUUID().toString(), UUID.randomUUID().toString(), AdvocacyType.CARE_ACT,
                    "2022-02-0" + (i + 1)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = get("/api/impact/cohorts?groupBy=advocacyType&advocacyType=CARE_ACT",
                    analyst);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode rows = EventJson.mapper().readTree(response.body());
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("people").asString()).isEqualTo("*");
        });
        HttpResponse<String> asOfBefore = get("/api/impact/cohorts?groupBy=advocacyType&advocacyType=CARE_ACT"
                + "&asOf=2000-01-01", analyst);
        assertThat(EventJson.mapper().readTree(asOfBefore.body())).isEmpty();
        HttpResponse<String> badDate = get("/api/impact/cohorts?asOf=yesterday", analyst);
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(EventJson.mapper().readTree(badDate.body()).get("errors").get(0).get("field").asString())
                .isEqualTo("asOf");
        for (String asOf : new String[] {"%2B999999999-12-31", "1899-12-31", LocalDate.now().plusDays(2).toString()}) {
            HttpResponse<String> outOfRange = get("/api/impact/cohorts?asOf=" + asOf, analyst);
            assertThat(outOfRange.statusCode()).as(asOf).isEqualTo(400);
            assertThat(outOfRange.body()).contains("asOf").doesNotContain("999999999");
        }
        HttpResponse<String> twice = get("/api/impact/cohorts?groupBy=month,month", analyst);
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(EventJson.mapper().readTree(twice.body()).get("errors").get(0).get("field").asString())
                .isEqualTo("groupBy");
        assertThat(get("/api/impact/referrals?groupBy=month,month", analyst).statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = get("/api/impact/cohorts?groupBy=religion", analyst);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(EventJson.mapper().readTree(unknown.body()).get("errors").get(0).get("field").asString())
                .isEqualTo("groupBy");
        assertThat(get("/api/impact/cohorts", TestKeys.token(Caller.ADVOCATE)).statusCode()).isEqualTo(403);
    }

    @Test
    void theWiderImpactViewCountsLinkedCasesAndHealthShowsKafkaAndMongo() throws Exception {
        String issue = UUID.randomUUID().toString();
        send(record(new org.heard.contracts.outcomes.SystemicIssueLogged(issue,
                org.heard.contracts.outcomes.ImpactLevel.TRUST, "restraint", null, LocalDate.parse("2026-02-01")),
                "SystemicIssue", issue, 0, "2026-02-01T09:00:00Z"));
        for (int i = 0; i < 9; i++) {
            send(record(new org.heard.contracts.outcomes.SystemicIssueLinkedToCase(issue, UUID.randomUUID().toString(),
                    LocalDate.parse("2026-02-02")), "SystemicIssue", issue, i + 1, "2026-02-02T09:00:00Z"));
        }
        String analyst = TestKeys.token(Caller.ANALYST);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode rows = EventJson.mapper().readTree(get("/api/impact/wider", analyst).body());
            JsonNode mine = null;
            for (JsonNode row : rows) {
                if (row.get("systemicIssueId").asString().equals(issue)) {
                    mine = row;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.get("linkedCases").asString()).isEqualTo("10"); // 9 rounded to the nearest 5
            assertThat(mine.get("theme").asString()).isEqualTo("restraint");
        });
        assertThat(projections.live().timelines().find(issue)).isEmpty(); // not a person: no timeline

        // anonymous callers get the status alone; the operations role the components
        assertThat(EventJson.mapper().readTree(get("/actuator/health", null).body()).has("components")).isFalse();
        String healthBody = get("/actuator/health", TestKeys.token(Caller.OPERATIONS)).body();
        JsonNode health = EventJson.mapper().readTree(healthBody);
        assertThat(health.has("components")).as(healthBody).isTrue();
        assertThat(health.get("components").get("kafka").get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("mongo").get("status").asString()).isEqualTo("UP");
    }

    /** A record in a valid envelope whose data is whatever the test says, keyed as it says. */
    private static ProducerRecord<String, byte[]> raw(Topic topic, String type, String key, String aggregateId,
                                                      String data) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), URI.create("/heard/case-service"),
                type, "X/" + aggregateId, OffsetDateTime.parse("2026-05-01T09:00:00Z"), key, aggregateId, 0, null,
                data.getBytes(StandardCharsets.UTF_8));
        return EnvelopeCodec.toRecord(topic, envelope);
    }

    private static List<ConsumerRecord<String, byte[]>> parkedFor(java.util.Set<String> keys, int expected) {
        try (KafkaConsumer<String, byte[]> dlt = TestKafka.consumer(Topic.DEAD_LETTER)) {
            List<ConsumerRecord<String, byte[]>> parked = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                TestKafka.poll(dlt, Duration.ofMillis(200)).stream().filter(r -> keys.contains(r.key()))
                        .forEach(parked::add);
                assertThat(parked).hasSizeGreaterThanOrEqualTo(expected);
            });
            return parked;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void everyKindOfPoisonIsParkedWithItsReasonWhileTheRestIsAppliedAndARebuildCompletesPastIt() throws Exception {
        String person = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        String stranger = UUID.randomUUID().toString();
        String impostor = UUID.randomUUID().toString();
        String referralType = EventCatalogue.REFERRAL_RECEIVED.type();
        String validReferral = new String(EventJson.toBytes(new ReferralReceived(caseId, person,
                AdvocacyType.IMHA, ReferralSource.SELF, LocalDate.parse("2026-04-20"), null, null, null, null)),
                StandardCharsets.UTF_8);
        send(raw(Topic.CASE, referralType, person, caseId, "{\"caseId\": \"Kwame Synthetic-Mensah"));
        send(raw(Topic.CASE, referralType, person, caseId, validReferral.replace("\"referredOn\":\"2026-04-20\",", "")));
        send(raw(Topic.CASE, "org.heard.case.SomethingNew.v1", stranger, stranger, "{\"personId\":\"" + stranger + "\"}"));
        send(raw(Topic.CASE, referralType, impostor, caseId, validReferral));
        String assessment = UUID.randomUUID().toString();
        // valid against its schema, but a score no MongoDB decimal can hold: fails when applied, not when read
        String unstorable = new String(EventJson.toBytes(new AssessmentCompleted(assessment, person, caseId,
                "heard-empowerment", 1, Timepoint.BASELINE, java.math.BigDecimal.ONE, LocalDate.parse("2026-04-21"),
                null, null, null)), StandardCharsets.UTF_8).replace("\"score\":1", "\"score\":1E+10000");
        send(raw(Topic.OUTCOME, EventCatalogue.ASSESSMENT_COMPLETED.type(), person, assessment, unstorable));
        send(referral(person, caseId, AdvocacyType.IMHA, "2026-04-20"));
        send(record(new AssessmentCompleted(UUID.randomUUID().toString(), person, caseId, "heard-empowerment", 1,
                Timepoint.BASELINE, java.math.BigDecimal.TEN, LocalDate.parse("2026-04-22"), null, null, null),
                "Assessment", UUID.randomUUID().toString(), 0, "2026-04-22T09:00:00Z"));

        await().atMost(Duration.ofSeconds(30)).until(() -> projections.live().timelines().find(person)
                .map(t -> t.entries().size()).orElse(0) == 2);
        List<ConsumerRecord<String, byte[]>> parked = parkedFor(java.util.Set.of(person, impostor), 4);
        // what reporting-service parked is true to the AsyncAPI document's dead-letter channel
        org.heard.contracts.testing.AsyncApiRecords document = org.heard.contracts.testing.AsyncApiRecords.shipped();
        assertThat(parked).allSatisfy(r -> assertThat(document.problems(r)).isEmpty());
        List<String> reasons = parked.stream().map(r -> header(r, "heard.dlt.reason")).sorted().toList();
        assertThat(reasons).hasSize(4);
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("is not JSON"))
                .anySatisfy(r -> assertThat(r).contains("breaks its schema").contains("referredOn"))
                .anySatisfy(r -> assertThat(r).contains("record key"))
                .anySatisfy(r -> assertThat(r).contains("not applicable"))
                .allSatisfy(r -> assertThat(r).doesNotContain("Kwame"));
        // the unknown type is counted and skipped: not parked, on no timeline, no person made of it
        assertThat(projections.live().timelines().find(stranger)).isEmpty();
        assertThat(projections.live().profiles().find(stranger)).isEmpty();
        assertThat(get("/actuator/prometheus", TestKeys.token(Caller.OPERATIONS)).body())
                .containsPattern("heard_reporting_events_skipped_total\\{reason=\"unknown-type\"\\} [1-9]");
        PersonTimeline timeline = projections.live().timelines().find(person).orElseThrow();
        assertThat(timeline.entries()).extracting(PersonTimeline.Entry::type)
                .containsExactly(referralType, EventCatalogue.ASSESSMENT_COMPLETED.type());

        rebuildAndCompare();
    }

    @Test
    void everyHeardMetricIsDescribedAndEveryMetricTheRulesAndDashboardsNameIsScraped() throws Exception {
        String operations = TestKeys.token(Caller.OPERATIONS);
        String person = UUID.randomUUID().toString();
        send(referral(person, UUID.randomUUID().toString(), AdvocacyType.IMHA, "2026-02-03"));
        await().atMost(Duration.ofSeconds(30)).until(() -> projections.live().timelines().find(person).isPresent());
        assertThat(get("/api/operations/streams", operations).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(org.heard.kit.testing.Observability
                .problems(get("/actuator/prometheus", operations).body(),
                        org.heard.kit.testing.Observability.Service.REPORTING)).isEmpty());
    }

    @Test
    void whileMongoDbIsAwayNothingIsLostHealthSaysDownAndTheLagIsStillMeasured() throws Exception {
        String operations = TestKeys.token(Caller.OPERATIONS);
        List<String> people = new ArrayList<>();
        mongoLink.cut();
        try {
            for (int i = 0; i < 20; i++) {
                people.add(UUID.randomUUID().toString());
                send(referral(people.get(i), UUID.randomUUID().toString(), AdvocacyType.CAMHS, "2026-02-02"));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpResponse<String> health = get("/actuator/health", TestKeys.token(Caller.OPERATIONS));
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(EventJson.mapper().readTree(health.body()).get("components").get("projections")
                        .get("status").asString()).isEqualTo("DOWN");
                JsonNode writes = EventJson.mapper().readTree(get("/api/operations/projections", operations).body())
                        .get("writesFailing");
                assertThat(writes.get("since").asString()).isNotBlank();
                assertThat(writes.get("error").asString()).startsWith("Mongo");
            });
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                double behind = 0;
                for (String line : get("/actuator/prometheus", operations).body().lines().toList()) {
                    if (line.startsWith("heard_reporting_consumer_lag{")) {
                        behind += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
                assertThat(behind).isGreaterThanOrEqualTo(20);
            });
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpResponse<String> response = get("/api/operations/streams", operations);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode streams = EventJson.mapper().readTree(response.body());
                assertThat(streams.get("lagRecords").asLong()).isGreaterThanOrEqualTo(20);
                assertThat(streams.get("lagSeconds").asDouble()).isGreaterThan(0);
                assertThat(streams.get("writesFailing").get("error").asString()).startsWith("Mongo");
                assertThat(streams.get("partitions")).hasSize(Topic.eventTopics().size() * 3);
            });
        } finally {
            mongoLink.restore();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> people.stream()
                .allMatch(p -> projections.live().timelines().find(p).isPresent()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                EventJson.mapper().readTree(get("/actuator/health", TestKeys.token(Caller.OPERATIONS)).body()).get("components")
                        .get("projections").get("status").asString()).isEqualTo("UP"));
    }

    @Autowired
    ProjectionConsumer consumer;

    @Test
    void aConsumerThatAppliesNothingWhileRecordsWaitIsStalledInHealthAndInTheStreamStatus() throws Exception {
        String operations = TestKeys.token(Caller.OPERATIONS);
        String person = UUID.randomUUID().toString();
        consumer.betweenBatches(() -> {
            // the consumer cannot write while this is held: records wait, nothing is applied
            send(referral(person, UUID.randomUUID().toString(), AdvocacyType.IMHA, "2026-02-03"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode health = EventJson.mapper().readTree(get("/actuator/health", TestKeys.token(Caller.OPERATIONS)).body());
                assertThat(health.get("components").get("projections").get("status").asString()).isEqualTo("DOWN");
                HttpResponse<String> response = get("/api/operations/streams", operations);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode streams = EventJson.mapper().readTree(response.body());
                assertThat(streams.get("stalled").asBoolean()).isTrue();
                assertThat(streams.get("lagRecords").asLong()).isPositive();
            });
            return null;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> projections.live().timelines().find(person).isPresent());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(EventJson.mapper()
                .readTree(get("/api/operations/streams", operations).body()).get("stalled").asBoolean()).isFalse());
    }

    @Autowired
    org.apache.kafka.clients.producer.Producer<String, byte[]> deadLetterProducer;

    @Test
    void aParkedRecordIsListedWithoutItsContentReplayedAfterAFixAndAnotherResolved() throws Exception {
        String operations = TestKeys.token(Caller.OPERATIONS);
        String person = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        // a good record that an earlier fault parked (as a version with a bug would have): replaying it applies it
        ProducerRecord<String, byte[]> good = referral(person, caseId, AdvocacyType.IMHA, "2026-02-04");
        DeadLetters parking = new DeadLetters(deadLetterProducer, "an-earlier-version");
        ConsumerRecord<String, byte[]> asRead = new ConsumerRecord<>(good.topic(), 1, 77L, 0L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, -1, good.value().length, good.key(),
                good.value(), good.headers(), java.util.Optional.empty());
        parking.park(asRead, "simulated fault " + caseId);
        String bad = UUID.randomUUID().toString();
        send(raw(Topic.CASE, EventCatalogue.REFERRAL_RECEIVED.type(), bad, bad, "{\"not\": \"a referral of Kwame\"}"));

        JsonNode[] mine = new JsonNode[2];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> listed = get("/api/operations/dead-letters", operations);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(listed.body()).doesNotContain("Kwame").doesNotContain(person);
            JsonNode records = EventJson.mapper().readTree(listed.body()).get("records");
            mine[0] = null;
            mine[1] = null;
            for (JsonNode record : records) {
                if (record.get("reason").asString().equals("simulated fault " + caseId)) {
                    mine[0] = record;
                } else if (record.get("originTopic").asString().equals(Topic.CASE.topicName())
                        && record.get("reason").asString().contains("breaks its schema")
                        && record.get("status").asString().equals("PARKED") && mine[1] == null) {
                    mine[1] = record;
                }
            }
            assertThat(mine[0]).isNotNull();
            assertThat(mine[1]).isNotNull();
        });
        assertThat(mine[0].get("originOffset").asLong()).isEqualTo(77L);
        assertThat(mine[0].get("eventType").asString()).isEqualTo(EventCatalogue.REFERRAL_RECEIVED.type());

        String replay = "/api/operations/dead-letters/" + mine[0].get("partition").asInt() + "/"
                + mine[0].get("offset").asLong() + "/replay";
        assertThat(post(replay, TestKeys.token(Caller.ANALYST)).statusCode()).isEqualTo(403);
        HttpResponse<String> replayed = post(replay, operations);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(EventJson.mapper().readTree(replayed.body()).get("status").asString()).isEqualTo("REPLAYED");
        await().atMost(Duration.ofSeconds(30)).until(() -> projections.live().timelines().find(person).isPresent());

        HttpResponse<String> resolved = post("/api/operations/dead-letters/" + mine[1].get("partition").asInt() + "/"
                + mine[1].get("offset").asLong() + "/resolution", operations);
        assertThat(EventJson.mapper().readTree(resolved.body()).get("status").asString()).isEqualTo("RESOLVED");
        assertThat(post("/api/operations/dead-letters/0/99999999/replay", operations).statusCode()).isEqualTo(404);
        // every action is on the audit stream
        try (KafkaConsumer<String, byte[]> audit = TestKafka.consumer(Topic.AUDIT)) {
            List<String> actions = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                TestKafka.poll(audit, Duration.ofMillis(200)).forEach(r -> actions.add(new String(r.value(),
                        StandardCharsets.UTF_8)));
                assertThat(actions).anySatisfy(a -> assertThat(a).contains("DEAD_LETTER_REPLAYED"))
                        .anySatisfy(a -> assertThat(a).contains("DEAD_LETTER_RESOLVED"));
            });
        }
    }
}
