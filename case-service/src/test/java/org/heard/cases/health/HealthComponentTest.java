package org.heard.cases.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.heard.cases.CaseServiceTestBase;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Health over real HTTP in Spring Boot's convention: the orchestrator's probes and anonymous callers get a status and
 * nothing about components; the operations role gets PostgreSQL, Kafka and the outbox with their details.
 */
class HealthComponentTest extends CaseServiceTestBase {

    @Test
    void anonymousCallersAndTheProbesGetTheStatusAlone() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            var response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("status").asString()).as(path).isEqualTo("UP");
            // the overall status (and the names of the probe groups), nothing about components
            assertThat(body.propertyNames()).as(path + " " + response.body()).contains("status")
                    .doesNotContain("components", "details");
        }
    }

    @Test
    void anAdvocateSeesNoComponentsEither() throws Exception {
        JsonNode body = json(get("/actuator/health", TestKeys.token(Caller.ADVOCATE)));
        assertThat(body.has("components")).isFalse();
    }

    @Test
    void theOperationsRoleSeesTheDatabaseTheBrokerAndTheOutbox() throws Exception {
        String operations = TestKeys.token(Caller.OPERATIONS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var response = get("/actuator/health", operations);
            JsonNode components = json(response).get("components");
            assertThat(components).as(response.body()).isNotNull();
            assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
            assertThat(components.get("db").get("details").get("database").asString()).isEqualTo("PostgreSQL");
            assertThat(components.get("kafka").get("details").get("brokers").asInt()).isPositive();
            JsonNode outbox = components.get("outbox");
            assertThat(outbox.get("status").asString()).isEqualTo("UP");
            assertThat(outbox.get("details").get("running").asBoolean()).isTrue();
            assertThat(outbox.get("details").has("waiting")).isTrue();
            assertThat(outbox.get("details").has("oldestWaitingSeconds")).isTrue();
        });
    }
}
