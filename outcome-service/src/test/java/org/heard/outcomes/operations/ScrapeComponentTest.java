package org.heard.outcomes.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.heard.kit.security.Caller;
import org.heard.kit.testing.Observability;
import org.heard.kit.testing.TestKeys;
import org.heard.outcomes.OutcomeServiceTestBase;
import org.junit.jupiter.api.Test;

/**
 * outcome-service's Prometheus scrape as operations' tools read it: every Heard family described and clean for
 * promtool, and every metric deploy/observability's rules and dashboards expect of a write service present (the
 * default framework's draft, stored at start, is published).
 */
class ScrapeComponentTest extends OutcomeServiceTestBase {

    @Test
    void everyHeardMetricIsDescribedAndEveryMetricTheRulesAndDashboardsNameIsScraped() throws Exception {
        String operations = TestKeys.token(Caller.OPERATIONS);
        assertThat(get("/api/operations/outbox", operations).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Observability.problems(
                get("/actuator/prometheus", operations).body(), Observability.Service.OUTCOME)).isEmpty());
    }
}
