package org.heard.kit.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.heard.kit.testing.Observability;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Prometheus rules and Grafana dashboards under {@code deploy/observability}: promtool accepts the rules and
 * their unit tests pass (skipped, saying so, where promtool is not installed; {@code .ci/run} installs it), the
 * dashboards are well-formed, and every metric they name is one a service exports or a recording rule defines.
 * That the services' scrapes really have those metrics is checked by each service's component test.
 */
class ObservabilityAsCodeTest {

    private static final String NO_PROMTOOL = "promtool is not on the PATH (Debian: apt-get install prometheus;"
            + " .ci/run installs it as root): the rules are not checked here";

    @Test
    void promtoolAcceptsTheRules() {
        Assumptions.assumeTrue(Observability.promtoolInstalled(), NO_PROMTOOL);
        List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
        Observability.ruleFiles().forEach(f -> command.add(f.toString()));
        Observability.Result result = Observability.run(command, null);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContain("FAILED");
    }

    @Test
    void theAlertsFireOnTheSituationsOfTheComponentTestsAndNotOnAQuietStack() throws Exception {
        Assumptions.assumeTrue(Observability.promtoolInstalled(), NO_PROMTOOL);
        List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
        try (var tests = Files.list(Observability.directory().resolve("prometheus/tests"))) {
            tests.filter(f -> f.toString().endsWith(".test.yml")).sorted().forEach(f -> command.add(f.toString()));
        }
        assertThat(command).hasSizeGreaterThan(3);
        Observability.Result result = Observability.run(command, null);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void thePrometheusConfigurationIsValid() {
        Assumptions.assumeTrue(Observability.promtoolInstalled(), NO_PROMTOOL);
        Observability.Result result = Observability.run(List.of("promtool", "check", "config", "--syntax-only",
                Observability.directory().resolve("prometheus/prometheus.yml").toString()), null);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyAlertIsUnitTested() throws Exception {
        Set<String> alerts = new TreeSet<>();
        for (Path file : Observability.ruleFiles()) {
            Files.readString(file).lines().map(String::strip).filter(l -> l.startsWith("- alert: "))
                    .forEach(l -> alerts.add(l.substring("- alert: ".length())));
        }
        String tests;
        try (var files = Files.list(Observability.directory().resolve("prometheus/tests"))) {
            tests = String.join("\n", files.map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList());
        }
        assertThat(alerts).hasSizeGreaterThan(10);
        for (String alert : alerts) {
            assertThat(tests).as("a firing test of " + alert).containsPattern(
                    "alertname: " + alert + "\\s+exp_alerts:\\s+- exp_labels");
        }
    }

    @Test
    void everyDashboardIsWellFormedAndReadsTheProvisionedDatasource() throws Exception {
        List<Path> dashboards = Observability.dashboards();
        assertThat(dashboards).extracting(p -> p.getFileName().toString())
                .contains("heard-streams.json", "heard-services.json", "heard-impact-freshness.json");
        Set<String> uids = new HashSet<>();
        String datasource = Files.readString(Observability.directory()
                .resolve("grafana/provisioning/datasources/heard.yml"));
        for (Path file : dashboards) {
            JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(file));
            assertThat(uids.add(dashboard.get("uid").asString())).as("unique uid " + file).isTrue();
            assertThat(dashboard.get("title").asString()).startsWith("Heard / ");
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : dashboard.get("panels")) {
                assertThat(ids.add(panel.get("id").asInt())).as(file + " panel ids").isTrue();
                assertThat(panel.get("datasource").get("uid").asString()).isEqualTo("heard-prometheus");
                assertThat(panel.get("targets")).as(panel.get("title").asString()).isNotEmpty();
                for (JsonNode target : panel.get("targets")) {
                    assertThat(target.get("expr").asString()).isNotBlank();
                }
            }
        }
        assertThat(datasource).contains("uid: heard-prometheus");
        assertThat(Files.readString(Observability.directory().resolve("grafana/provisioning/dashboards/heard.yml")))
                .contains("type: file");
    }

    @Test
    void everyMetricNamedIsExportedByAServiceOrRecorded() {
        Set<String> recorded = Observability.recorded();
        List<String> unknown = new ArrayList<>();
        for (String expression : Observability.expressions()) {
            for (String name : Observability.metricNames(expression)) {
                boolean known = name.equals("up") || (name.contains(":") ? recorded.contains(name)
                        : !Observability.exportedBy(name).isEmpty());
                if (!known) {
                    unknown.add(name + " in " + expression);
                }
            }
        }
        assertThat(unknown).isEmpty();
        assertThat(Observability.scrapedMetricsNamed()).contains("heard_outbox_oldest_age_seconds",
                "heard_reporting_consumer_lag_seconds", "heard_reporting_deadlettered_total",
                "heard_publisher_send_failures_total", "http_server_requests_seconds_count");
    }

    @Test
    void metricNamesAreReadFromPromQlWithoutFunctionsLabelsOrDurations() {
        assertThat(Observability.metricNames("sum by (job, topic) (increase(heard_reporting_deadlettered_total"
                + "{topic=~\"heard.case.v1|x\"}[15m])) > 0 and on (job) max(heard:outbox_pending_events:max)"))
                .containsExactlyInAnyOrder("heard_reporting_deadlettered_total", "heard:outbox_pending_events:max");
        assertThat(Observability.metricNames("histogram_quantile(0.95, sum by (le) (rate(a_bucket[5m]))) / b"))
                .containsExactlyInAnyOrder("a_bucket", "b");
    }
}
