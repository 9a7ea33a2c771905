package org.heard.cases;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

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
 * case-service over real HTTP, with its event store in a real PostgreSQL and its events on a real Kafka broker.
 * Subclasses share one running service.
 */
@ExtendWith(DockerIt.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CaseServiceTestBase {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestPostgres.newDatabase("case"));
        registry.add("heard.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        TestKeys.register(registry);
        // one provider of the tests shares caseloads by team (ProviderAccessComponentTest); one context for all
        registry.add("heard.access.team-caseload-providers", () -> "provider-teams");
    }

    @LocalServerPort
    protected int port;

    private final HttpClient http = HttpClient.newHttpClient();

    protected HttpResponse<String> send(String method, String path, String json, String token) throws Exception {
        return send(method, path, json, token, null);
    }

    protected HttpResponse<String> send(String method, String path, String json, String token, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    protected HttpResponse<String> post(String path, String json, String token) throws Exception {
        return send("POST", path, json, token);
    }

    protected HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, null, token);
    }

    /** Registers a new person (no NHS number) and returns their id: a referral names a registered person. */
    protected String registeredPerson() throws Exception {
        HttpResponse<String> registered = post("/api/persons", "{\"name\":\"Referral Synthetic\"}",
                org.heard.kit.testing.TestKeys.token(org.heard.kit.security.Caller.INTEGRATION));
        if (registered.statusCode() != 201) {
            throw new IllegalStateException("registration answered " + registered.statusCode());
        }
        return json(registered).get("personId").asString();
    }

    /** The referral's JSON with the id of a newly registered person in front. */
    protected String forNewPerson(String referralJson) throws Exception {
        return forPerson(registeredPerson(), referralJson);
    }

    /** The referral's JSON with the person's id in front. */
    protected static String forPerson(String personId, String referralJson) {
        String trimmed = referralJson.stripLeading();
        if (!trimmed.startsWith("{")) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return "{\"personId\":\"" + personId + "\"," + trimmed.substring(1);
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return EventJson.mapper().readTree(response.body());
    }
}
