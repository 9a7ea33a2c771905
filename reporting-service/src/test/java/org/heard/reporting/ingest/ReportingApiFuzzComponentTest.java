package org.heard.reporting.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.heard.contracts.testing.DockerIt;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.ApiFuzz;
import org.heard.kit.testing.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Bad input to every operation of reporting-service's OpenAPI document: never a 5xx, always problem+json. */
@ExtendWith(DockerIt.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportingApiFuzzComponentTest {

    private static TestMongo mongo;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        mongo = new TestMongo();
        registry.add("heard.mongo.uri", () -> "mongodb://" + mongo.host() + ":" + mongo.port() + "/");
        registry.add("heard.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("heard.kafka.group-id", () -> "reporting-fuzz-" + UUID.randomUUID());
        // the fuzz sends far more analyst queries than a person would; the limit itself is tested elsewhere
        registry.add("heard.rate-limits.analyst-queries-per-minute", () -> "1000000");
        TestKeys.register(registry);
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @LocalServerPort
    int port;

    @Test
    void everyOperationOfTheOpenApiDocumentAnswersBadInputWithoutAServerError() throws Exception {
        String everyRole = TestKeys.custom(Caller.ANALYST, claims -> claims
                .claim("roles", List.of(Caller.ADVOCATE, Caller.SERVICE_USER, Caller.ANALYST, Caller.OPERATIONS,
                        Caller.INTEGRATION))
                .claim("person_id", UUID.randomUUID().toString()));
        ApiFuzz.Report report = ApiFuzz.run("http://localhost:" + port, List.of(everyRole));
        System.out.printf("reporting-service fuzz: %d operations, %d requests, statuses %s%n", report.operations(),
                report.requests(), report.statuses());
        assertThat(report.operations()).isGreaterThanOrEqualTo(5);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void anAnalystsPersonLevelQueryIsAudited() throws Exception {
        String dataset = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        String analyst = "analyst-" + UUID.randomUUID();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> audit =
                     TestKafka.consumer(org.heard.contracts.Topic.AUDIT)) {
            java.net.http.HttpResponse<String> rows = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                                    + "/api/impact/people?dataset=" + dataset))
                            .header("Authorization", "Bearer " + TestKeys.token(Caller.ANALYST, analyst, null)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(rows.statusCode()).as(rows.body()).isEqualTo(200);
            java.util.List<String> records = new java.util.ArrayList<>();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
                TestKafka.poll(audit, java.time.Duration.ofMillis(200)).forEach(r -> records.add(
                        new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)));
                assertThat(records).anySatisfy(r -> assertThat(r).contains("PERSONAL_DATA_READ").contains(analyst)
                        .contains("dataset/" + dataset + " /api/impact/people"));
            });
        }
    }
}
