package org.heard.outcomes.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.heard.contracts.Topic;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.FrameworkVersionPublished;
import org.heard.contracts.outcomes.ReliableChangeBasis;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.heard.outcomes.OutcomeServiceTestBase;
import org.heard.outcomes.directory.CaseDirectory;
import org.heard.outcomes.directory.CaseEvents;
import org.heard.outcomes.framework.DefaultFramework;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import tools.jackson.databind.JsonNode;

/**
 * outcome-service over real HTTP with PostgreSQL and Kafka: a framework reviewed by a service-user panel and
 * published, assessments validated and scored against it, outcomes from two perspectives, goals, and a systemic issue
 * linked to several cases — every event published to heard.outcome.v1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssessmentApiComponentTest extends OutcomeServiceTestBase {

    @Autowired
    CaseDirectory directory;

    /** The advocate whose caseload the cases of these tests are on (at TestKeys.PROVIDER, in TestKeys.TEAM). */
    private static final String ADVOCATE_ID = "advocate-" + UUID.randomUUID();
    private final String advocate = TestKeys.token(Caller.ADVOCATE, ADVOCATE_ID, null);
    private final String panel = TestKeys.token(Caller.PANEL, "panel-1", null);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));
    private static final String F = DefaultFramework.ID;
    private static final List<String> ITEMS = List.of("involved-in-decisions", "listened-to", "know-my-rights",
            "confident-to-speak-up", "say-over-care", "hopeful");

    /** A person and cases case-service has published, on the advocate's caseload, once the directory knows them. */
    private void known(String personId, String... caseIds) {
        try (CaseEvents events = new CaseEvents()) {
            events.registered(personId);
            for (String caseId : caseIds) {
                events.referred(personId, caseId, TestKeys.PROVIDER);
                events.assigned(personId, caseId, ADVOCATE_ID, TestKeys.TEAM, 2);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.person(personId).isPresent()
                && java.util.Arrays.stream(caseIds).allMatch(caseId -> directory.find(caseId)
                .filter(c -> ADVOCATE_ID.equals(c.advocateId()) && c.providerId() != null).isPresent()));
    }

    private static String assessment(String personId, String caseId, int... values) {
        List<String> responses = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            responses.add("{\"itemId\":\"" + ITEMS.get(i) + "\",\"value\":" + values[i] + "}");
        }
        return """
                {"personId":"%s","caseId":"%s","frameworkId":"%s","frameworkVersion":1,"timepoint":"BASELINE",
                 "completedOn":"%s","completedBy":"SELF_WITH_SUPPORT","responses":[%s]}"""
                .formatted(personId, caseId, F, TODAY, String.join(",", responses));
    }

    private void publishDefaultFramework() throws Exception {
        if ("PUBLISHED".equals(json(get("/api/frameworks/" + F + "/versions/1", advocate)).get("status").asString())) {
            return;
        }
        assertThat(post("/api/frameworks/" + F + "/versions/1/reviews", """
                {"reviewerRole":"SERVICE_USER_PANEL","verdict":"ENDORSED","comment":"Plain and fair","reviewedOn":"%s"}"""
                .formatted(TODAY), panel).statusCode()).isEqualTo(204);
        assertThat(post("/api/frameworks/" + F + "/versions/1/publication", "{\"on\":\"" + TODAY + "\"}", advocate)
                .statusCode()).isEqualTo(204);
    }

    @Test
    @Order(1)
    void theDefaultFrameworkShipsAsADraftThatNeedsTheServiceUserPanel() throws Exception {
        JsonNode version = json(get("/api/frameworks/" + F + "/versions/1", advocate));
        assertThat(version.get("status").asString()).isEqualTo("DRAFT");
        assertThat(version.get("items")).hasSize(6);

        String personId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        known(personId, caseId);
        HttpResponse<String> early = post("/api/assessments", assessment(personId, caseId, 3, 3, 3, 3, 3, 3),
                advocate);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(json(early).get("rule").asString()).isEqualTo("framework-not-published");

        assertThat(post("/api/frameworks/" + F + "/versions/1/reviews", """
                {"reviewerRole":"CLINICIAN","verdict":"ENDORSED","reviewedOn":"%s"}""".formatted(TODAY), advocate)
                .statusCode()).isEqualTo(204);
        HttpResponse<String> notYet = post("/api/frameworks/" + F + "/versions/1/publication",
                "{\"on\":\"" + TODAY + "\"}", advocate);
        assertThat(notYet.statusCode()).isEqualTo(409);
        assertThat(json(notYet).get("rule").asString()).isEqualTo("no-service-user-endorsement");

        publishDefaultFramework();
        HttpResponse<String> change = post("/api/frameworks/" + F + "/versions/1/items", """
                {"itemId":"new-item","wording":"x","scaleMin":1,"scaleMax":5}""", advocate);
        assertThat(change.statusCode()).isEqualTo(409);
        assertThat(json(change).get("rule").asString()).isEqualTo("version-published");
    }

    @Test
    @Order(2)
    void anAssessmentIsValidatedAgainstTheVersionScoredByItsRuleAndPublished() throws Exception {
        publishDefaultFramework();
        String personId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        known(personId, caseId);

        HttpResponse<String> missing = post("/api/assessments", assessment(personId, caseId, 3, 3, 3, 3, 3), advocate);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("errors").get(0).get("field").asString()).isEqualTo("responses.hopeful");
        HttpResponse<String> outOfRange = post("/api/assessments", assessment(personId, caseId, 3, 9, 3, 3, 3, 3),
                advocate);
        assertThat(outOfRange.statusCode()).isEqualTo(400);
        assertThat(json(outOfRange).get("errors").get(0).get("field").asString()).isEqualTo("responses.listened-to");

        HttpResponse<String> response = post("/api/assessments", assessment(personId, caseId, 2, 3, 4, 5, 1, 2),
                advocate);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).get("score").asInt()).isEqualTo(17);

        List<EventEnvelope> published = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer(Topic.OUTCOME)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : TestKafka.poll(consumer, Duration.ofMillis(200))) {
                    if (personId.equals(record.key())) {
                        published.add(EnvelopeCodec.fromRecord(record));
                    }
                }
                assertThat(published).hasSize(1);
            });
        }
        AssessmentCompleted event = (AssessmentCompleted) published.get(0).event();
        assertThat(published.get(0).source()).hasToString("/heard/outcome-service");
        assertThat(event.score()).isEqualByComparingTo(new BigDecimal("17"));
        assertThat(event.responses()).hasSize(6);
        // involvement (2,3) → 2.5; personal development (4,5,2) → 3.667; care and treatment (1) → 1
        assertThat(event.subscaleScores()).containsEntry("involvement", new BigDecimal("2.500"))
                .containsEntry("care-and-treatment", new BigDecimal("1.000"));
    }

    @Test
    @Order(3)
    void outcomesFromTwoPerspectivesGoalsAndASystemicIssueLinkedToSeveralCases() throws Exception {
        publishDefaultFramework();
        List<String> cases = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        String personId = UUID.randomUUID().toString();
        known(personId, cases.toArray(String[]::new));
        for (String caseId : cases) {
            for (String perspective : List.of("SERVICE_USER", "ADVOCATE")) {
                HttpResponse<String> outcome = post("/api/outcomes", """
                        {"personId":"%s","caseId":"%s","domain":"CARE_AND_TREATMENT","subType":"leave-granted",
                         "description":"I got my leave back","perspective":"%s","extentOfChange":"SIGNIFICANT",
                         "advocacyContribution":"SOME","on":"%s"}""".formatted(personId, caseId, perspective, TODAY),
                        advocate);
                assertThat(outcome.statusCode()).as(outcome.body()).isEqualTo(201);
            }
        }
        String goalId = json(post("/api/goals", """
                {"personId":"%s","caseId":"%s","domain":"PERSONAL_DEVELOPMENT","description":"Speak at my CPA",
                 "scale":"GOAL_ATTAINMENT_SCALING","setOn":"%s"}""".formatted(personId, cases.get(0), TODAY), advocate))
                .get("id").asString();
        assertThat(post("/api/goals/" + goalId + "/ratings", """
                {"rating":5,"ratedBy":"SERVICE_USER","ratedOn":"%s"}""".formatted(TODAY), advocate).statusCode())
                .isEqualTo(409);
        assertThat(post("/api/goals/" + goalId + "/ratings", """
                {"rating":1,"ratedBy":"SERVICE_USER","ratedOn":"%s"}""".formatted(TODAY), advocate).statusCode())
                .isEqualTo(204);

        String issueId = json(post("/api/systemic-issues", """
                {"level":"WARD","theme":"section 17 leave","description":"Leave cancelled at short notice",
                 "loggedOn":"%s"}""".formatted(TODAY), advocate)).get("id").asString();
        for (String caseId : cases) {
            assertThat(post("/api/systemic-issues/" + issueId + "/cases", """
                    {"caseId":"%s","linkedOn":"%s"}""".formatted(caseId, TODAY), advocate).statusCode()).isEqualTo(204);
        }
        HttpResponse<String> unknown = post("/api/systemic-issues/" + issueId + "/cases", """
                {"caseId":"%s","linkedOn":"%s"}""".formatted(UUID.randomUUID(), TODAY), advocate);
        assertThat(unknown.statusCode()).isEqualTo(409);
        assertThat(post("/api/systemic-issues/" + issueId + "/changes", """
                {"description":"Leave now planned a week ahead","achievedOn":"%s"}""".formatted(TODAY), advocate)
                .statusCode()).isEqualTo(201);

        // each key's events keep their order; the person's and the issue's may sit on different partitions
        List<String> personTypes = new ArrayList<>();
        List<String> issueTypes = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer(Topic.OUTCOME)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : TestKafka.poll(consumer, Duration.ofMillis(200))) {
                    String type = EnvelopeCodec.fromRecord(record).type()
                            .replaceAll("^org\\.heard\\.outcome\\.|\\.v1$", "");
                    if (personId.equals(record.key())) {
                        personTypes.add(type);
                    } else if (issueId.equals(record.key())) {
                        issueTypes.add(type);
                    }
                }
                assertThat(personTypes).containsExactly("OutcomeRecorded", "OutcomeRecorded", "OutcomeRecorded",
                        "OutcomeRecorded", "OutcomeRecorded", "OutcomeRecorded", "GoalSet", "GoalRated");
                assertThat(issueTypes).containsExactly("SystemicIssueLogged", "SystemicIssueLinkedToCase",
                        "SystemicIssueLinkedToCase", "SystemicIssueLinkedToCase", "SystemicChangeAchieved");
            });
        }
    }

    @Test
    @Order(4)
    void everyEndpointAnswersEachRoleAsTheRulesSay() throws Exception {
        publishDefaultFramework();
        String person = UUID.randomUUID().toString();
        String personsCase = UUID.randomUUID().toString();
        known(person, personsCase);
        Map<String, Integer> expected = Map.of(Caller.ADVOCATE, 201, Caller.SERVICE_USER, 201, Caller.ANALYST, 403,
                Caller.OPERATIONS, 403, Caller.INTEGRATION, 403);
        for (Map.Entry<String, Integer> role : expected.entrySet()) {
            String token = role.getKey().equals(Caller.ADVOCATE) ? advocate : TestKeys.token(role.getKey(),
                    role.getKey() + "-1", role.getKey().equals(Caller.SERVICE_USER) ? person : null);
            assertThat(post("/api/assessments", assessment(person, personsCase, 3, 3, 3, 3, 3, 3),
                    token).statusCode()).as("POST /api/assessments as " + role.getKey()).isEqualTo(role.getValue());
            assertThat(get("/actuator/prometheus", token).statusCode()).as("prometheus as " + role.getKey())
                    .isEqualTo(role.getKey().equals(Caller.OPERATIONS) ? 200 : 403);
            boolean managesFrameworks = role.getKey().equals(Caller.ADVOCATE);
            assertThat(post("/api/frameworks/" + F + "/versions/1/reviews", """
                    {"reviewerRole":"ADVOCATE","verdict":"ENDORSED","reviewedOn":"%s"}""".formatted(TODAY), token)
                    .statusCode()).as("framework review as " + role.getKey()).isEqualTo(managesFrameworks ? 409 : 403);
            assertThat(post("/api/goals", "{}", token).statusCode()).isEqualTo(managesFrameworks ? 400 : 403);
            assertThat(post("/api/systemic-issues", "{}", token).statusCode()).isEqualTo(managesFrameworks ? 400 : 403);
        }
    }

    @Test
    @Order(5)
    void aServiceUserRecordsOnlyTheirOwnAssessmentsAndViewsAndBadTokensAreRefused() throws Exception {
        publishDefaultFramework();
        String me = UUID.randomUUID().toString();
        String someoneElse = UUID.randomUUID().toString();
        String myToken = TestKeys.token(Caller.SERVICE_USER, "su", me);
        assertThat(post("/api/assessments", assessment(someoneElse, UUID.randomUUID().toString(), 3, 3, 3, 3, 3, 3),
                myToken).statusCode()).isEqualTo(403);
        assertThat(post("/api/outcomes", """
                {"personId":"%s","caseId":"%s","domain":"PERSONAL_DEVELOPMENT","subType":"knows-rights",
                 "perspective":"ADVOCATE","extentOfChange":"SOME","advocacyContribution":"SOME","on":"%s"}"""
                .formatted(me, UUID.randomUUID(), TODAY), myToken).statusCode()).isEqualTo(403);
        for (String token : new String[] {null, TestKeys.forged(Caller.ADVOCATE), TestKeys.expired(Caller.ADVOCATE),
                TestKeys.wrongAudience(Caller.ADVOCATE), TestKeys.unsigned(Caller.ADVOCATE)}) {
            assertThat(post("/api/assessments", assessment(someoneElse, UUID.randomUUID().toString(), 3, 3, 3, 3, 3, 3),
                    token).statusCode()).isEqualTo(401);
        }
    }

    @Test
    @Order(20)
    void aVersionDeclaresItsBasisForReliableChangeOnPublication() throws Exception {
        String framework = "rc-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/api/frameworks", """
                {"frameworkId":"%s","name":"Reliable change pilot","purpose":"EMPOWERMENT","scoringRule":"SUM"}"""
                .formatted(framework), advocate).statusCode()).isEqualTo(201);
        assertThat(post("/api/frameworks/" + framework + "/versions/1/items", """
                {"itemId":"heard","wording":"I feel listened to","scaleMin":1,"scaleMax":5}""", advocate)
                .statusCode()).isEqualTo(204);
        assertThat(post("/api/frameworks/" + framework + "/versions/1/reviews", """
                {"reviewerRole":"SERVICE_USER_PANEL","verdict":"ENDORSED","reviewedOn":"%s"}""".formatted(TODAY),
                panel).statusCode()).isEqualTo(204);

        HttpResponse<String> perfect = post("/api/frameworks/" + framework + "/versions/1/publication", """
                {"on":"%s","reliableChange":{"standardDeviation":4.2,"reliability":1.0,
                 "reliabilityCoefficient":"CRONBACH_ALPHA","improvement":"INCREASE","source":"pilot"}}"""
                .formatted(TODAY), advocate);
        assertThat(perfect.statusCode()).isEqualTo(400);
        assertThat(json(perfect).get("errors").get(0).get("field").asString())
                .isEqualTo("reliableChange.reliability");
        assertThat(perfect.body()).doesNotContain("1.0");

        assertThat(post("/api/frameworks/" + framework + "/versions/1/publication", """
                {"on":"%s","reliableChange":{"standardDeviation":4.2,"reliability":0.86,
                 "reliabilityCoefficient":"CRONBACH_ALPHA","improvement":"INCREASE",
                 "source":"Pilot with 212 baseline readings, 2026"}}""".formatted(TODAY), advocate).statusCode())
                .isEqualTo(204);
        JsonNode version = json(get("/api/frameworks/" + framework + "/versions/1", advocate));
        assertThat(version.get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(version.get("reliableChange").get("reliability").decimalValue())
                .isEqualByComparingTo(new BigDecimal("0.86"));

        List<FrameworkVersionPublished> published = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer(Topic.OUTCOME)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : TestKafka.poll(consumer, Duration.ofMillis(200))) {
                    if (framework.equals(record.key()) && EnvelopeCodec.fromRecord(record).event()
                            instanceof FrameworkVersionPublished publication) {
                        published.add(publication);
                    }
                }
                assertThat(published).hasSize(1);
            });
        }
        ReliableChangeBasis basis = published.get(0).reliableChange();
        assertThat(basis.standardDeviation()).isEqualByComparingTo(new BigDecimal("4.2"));
        assertThat(basis.reliabilityCoefficient()).isEqualTo(ReliableChangeBasis.ReliabilityCoefficient.CRONBACH_ALPHA);
        assertThat(basis.improvement()).isEqualTo(ReliableChangeBasis.ImprovementDirection.INCREASE);
    }
}
