package org.heard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole local stack as {@code ./heard up} runs it: a real Kafka broker in its own JVM, real PostgreSQL, mongo-java-server
 * on an H2 file and the three services as separate processes, driven over HTTP only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static StackSettings settings;
    private static LocalStack stack;
    private static final List<String> peopleSoFar = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path home = Files.createTempDirectory("heard-it-");
        Map<String, String> env = new HashMap<>();
        env.put("HEARD_HOME", home.toString());
        for (String port : List.of("HEARD_KAFKA_PORT", "HEARD_KAFKA_CONTROLLER_PORT", "HEARD_POSTGRES_PORT",
                "HEARD_MONGO_PORT", "HEARD_CASE_PORT", "HEARD_OUTCOME_PORT", "HEARD_REPORTING_PORT")) {
            env.put(port, Integer.toString(freePort()));
        }
        settings = StackSettings.fromEnvironment(Path.of(System.getProperty("heard.repo", "../..")), env);
        stack = new LocalStack(settings);
        stack.start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> timeline(String personId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.reportingUrl() + "/api/persons/" + personId
                + "/timeline")).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int entries(String personId) throws Exception {
        HttpResponse<String> response = timeline(personId);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).get("entries").size() : 0;
    }

    private static JsonNode refer(String advocacyType) throws Exception {
        HttpResponse<String> response = post(stack.caseUrl() + "/api/cases", """
                {"advocacyType":"%s","referralSource":"PROFESSIONAL","referredOn":"2026-01-05"}"""
                .formatted(advocacyType));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    @Test
    @Order(1)
    void aReferralAndAnAssessmentReachThePersonsTimelineThroughKafka() throws Exception {
        JsonNode created = refer("IMHA");
        String personId = created.get("personId").asString();
        String caseId = created.get("caseId").asString();
        HttpResponse<String> assessed = post(stack.outcomeUrl() + "/api/assessments", """
                {"personId":"%s","caseId":"%s","frameworkId":"heard-empowerment","frameworkVersion":1,
                 "timepoint":"BASELINE","score":14,"completedOn":"2026-01-06"}""".formatted(personId, caseId));
        assertThat(assessed.statusCode()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> entries(personId) == 2);
        JsonNode timeline = JSON.readTree(timeline(personId).body());
        assertThat(timeline.get("entries").get(0).get("type").asString())
                .isEqualTo("org.heard.case.ReferralReceived.v1");
        assertThat(timeline.get("entries").get(1).get("type").asString())
                .isEqualTo("org.heard.outcome.AssessmentCompleted.v1");
        peopleSoFar.add(personId);
    }

    @Test
    @Order(2)
    void aMalformedReferralIsAProblemNamingTheField() throws Exception {
        HttpResponse<String> response = post(stack.caseUrl() + "/api/cases", """
                {"advocacyType":"IMHA","referredOn":"2026-01-05"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asString())
                .isEqualTo("referralSource");
    }

    @Test
    @Order(3)
    void referralsAcceptedWhileKafkaIsDownArriveExactlyOnceWhenItIsBack() throws Exception {
        stack.stopKafka();
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            people.add(refer(i % 2 == 0 ? "COMMUNITY_CULTURALLY_SPECIFIC" : "CAMHS").get("personId").asString());
        }
        assertThat(timeline(people.get(0)).statusCode()).isEqualTo(404);

        stack.startKafka();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String person : people) {
                assertThat(entries(person)).as("timeline of a person referred during the outage").isEqualTo(1);
            }
        });
        // A referral after the outage flows too, and the earlier ones are still there exactly once.
        String after = refer("IMHA").get("personId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> entries(after) == 1);
        for (String person : people) {
            assertThat(entries(person)).isEqualTo(1);
        }
        peopleSoFar.addAll(people);
    }

    @Test
    @Order(4)
    void stoppingAndRestartingTheStackLosesNothing() throws Exception {
        stack.close();
        stack = new LocalStack(settings);
        stack.start();

        for (String person : peopleSoFar) {
            assertThat(entries(person)).as("timeline kept across the restart").isGreaterThanOrEqualTo(1);
        }
        assertThat(entries(peopleSoFar.get(0))).isEqualTo(2);
        String person = refer("IMCA").get("personId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> entries(person) == 1);
    }
}
