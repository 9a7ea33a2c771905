package org.heard.outcomes.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.heard.contracts.testing.DockerIt;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.ApiFuzz;
import org.heard.kit.testing.TestKeys;
import org.heard.outcomes.OutcomeServiceTestBase;
import org.heard.outcomes.directory.DirectoryLag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bad input to every operation of outcome-service's OpenAPI document: never a 5xx, always problem+json. Its own
 * context does not wait for unknown people and cases (the shared one waits 2 s for each, and the fuzz names a hundred
 * of them: 150 s of waiting instead of the bad input under test).
 */
@ExtendWith(DockerIt.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "heard.directory.wait-for-unknown=0s")
@DirtiesContext
class OutcomeApiFuzzComponentTest {

    private static final String DIRECTORY_GROUP = "outcome-directory-fuzz-" + UUID.randomUUID();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        OutcomeServiceTestBase.register(registry, DIRECTORY_GROUP);
    }

    @LocalServerPort
    int port;

    @Autowired
    DirectoryLag directoryLag;

    @Test
    void everyOperationOfTheOpenApiDocumentAnswersBadInputWithoutAServerError() throws Exception {
        String everyRole = TestKeys.custom(Caller.ADVOCATE, claims -> claims
                .claim("roles", List.of(Caller.ADVOCATE, Caller.SERVICE_USER, Caller.ANALYST, Caller.OPERATIONS,
                        Caller.INTEGRATION))
                .claim("person_id", UUID.randomUUID().toString()));
        // a new consumer group reads the shared broker's case topic from the start; an unknown id is a 422 once it
        // has (before, a 503: the directory cannot tell yet)
        await().atMost(Duration.ofSeconds(60)).until(() -> directoryLag.reached(directoryLag.mark()));
        ApiFuzz.Report report = ApiFuzz.run("http://localhost:" + port, List.of(everyRole));
        System.out.printf("outcome-service fuzz: %d operations, %d requests, statuses %s%n", report.operations(),
                report.requests(), report.statuses());
        assertThat(report.operations()).isGreaterThanOrEqualTo(10);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void reusingAFrameworkIdIsAConflict() throws Exception {
        String id = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestKeys.token(Caller.ADVOCATE);
        String framework = "{\"frameworkId\":\"" + id + "\",\"name\":\"Synthetic framework\","
                + "\"purpose\":\"EMPOWERMENT\",\"scoringRule\":\"SUM\"}";
        var first = post(framework, token);
        assertThat(first.statusCode()).as(first.body()).isBetween(200, 299);
        var again = post(framework, token);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    private HttpResponse<String> post(String json, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/frameworks"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
