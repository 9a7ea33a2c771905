package org.heard.outcomes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.testing.DockerIt;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.testing.TestKeys;
import org.heard.kit.testing.TestPostgres;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * outcome-service over real HTTP, with its event store in a real PostgreSQL and a real Kafka broker from which it
 * learns people and cases. Subclasses share one running service, whose directory consumer has a group of its own.
 */
@ExtendWith(DockerIt.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"heard.directory.wait-for-unknown=2s", "heard.directory.wait-while-behind=4s"})
public abstract class OutcomeServiceTestBase {

    /** Once per JVM: a supplier registered below is asked again at every look-up. */
    protected static final String DIRECTORY_GROUP = "outcome-directory-" + UUID.randomUUID();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        register(registry, DIRECTORY_GROUP);
    }

    /**
     * The shared context's infrastructure, for a test class that needs a context of its own: its own database and a
     * directory consumer group of its own (two contexts in one group would split the partitions between them).
     */
    public static void register(DynamicPropertyRegistry registry, String directoryGroup) {
        registry.add("spring.datasource.url", () -> TestPostgres.newDatabase("outcome"));
        registry.add("heard.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("heard.directory.group-id", () -> directoryGroup);
        TestKeys.register(registry);
        // one provider of the tests shares caseloads by team (OutcomeAccessMatrixTest); one context for all
        registry.add("heard.access.team-caseload-providers", () -> "provider-teams");
    }

    @LocalServerPort
    protected int port;

    private final HttpClient http = HttpClient.newHttpClient();

    protected HttpResponse<String> post(String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with the token, or anonymous when it is null. */
    protected HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return EventJson.mapper().readTree(response.body());
    }
}
