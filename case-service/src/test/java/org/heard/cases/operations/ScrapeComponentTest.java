package org.heard.cases.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.heard.cases.CaseServiceTestBase;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.Observability;
import org.heard.kit.testing.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * case-service's Prometheus scrape as operations' tools read it: every Heard family described and clean for
 * promtool, and every metric deploy/observability's rules and dashboards expect of a write service present.
 */
class ScrapeComponentTest extends CaseServiceTestBase {

    @Test
    void everyHeardMetricIsDescribedAndEveryMetricTheRulesAndDashboardsNameIsScraped() throws Exception {
        registeredPerson(); // an event to publish, a request served

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Observability.problems(
                get("/actuator/prometheus", TestKeys.token(Caller.OPERATIONS)).body(), Observability.Service.CASE))
                .isEmpty());
    }
}
