package org.heard.reporting.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser (Debian's chromium and chromium-driver through Selenium) against reporting-service
 * with a real Kafka broker in-process and mongo-java-server, fed a known scenario ({@link DashboardScenario}): signs
 * in with a development token, loads the analyst view and the person view, checks that what the charts plot equals
 * the API's figures and that a withheld cell is not drawn, that the filters are reachable and usable by keyboard, runs
 * axe-core (no serious or critical violation) and saves screenshots under {@code target/dashboard-screenshots}.
 * Skipped when chromium or chromium-driver is not installed ({@code .ci/run} installs them).
 */
@EnabledIf("org.heard.reporting.dashboard.Browser#installed")
// the page and the test together ask many analyst queries a minute: the per-caller limit is not what is tested here
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "heard.rate-limits.analyst-queries-per-minute=1000000")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final String SPLIT = "advocacyType";

    private static MongoServer mongo;
    private static DashboardScenario scenario;
    private static Browser chromium;
    private static ChromeDriver browser;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongo.bind();
        registry.add("heard.mongo.uri", () -> "mongodb://" + address.getHostString() + ":" + address.getPort());
        registry.add("heard.mongo.database", () -> "dashboard_test");
        registry.add("heard.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("heard.kafka.group-id", () -> "dashboard-test-" + UUID.randomUUID());
        TestKeys.register(registry);
    }

    @BeforeAll
    static void scenarioAndBrowser() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        scenario = new DashboardScenario();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : scenario.records) {
                producer.send(record).get();
            }
        }
        chromium = new Browser();
        browser = chromium.driver;
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String analyst = TestKeys.token(Caller.ANALYST);

    private JsonNode api(String path, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return EventJson.mapper().readTree(response.body());
    }

    private String seriesQuery() {
        return "/api/impact/series?framework=" + DashboardScenario.FRAMEWORK + "&frameworkVersion=1&groupBy=" + SPLIT
                + "&axis=timepoint";
    }

    /** Waits until every event of the scenario is in the projections and the framework catalogue. */
    private void awaitScenario() {
        // the shared in-process broker may hold other tests' records first: read past them
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
            JsonNode series = api(seriesQuery(), analyst);
            assertThat(series.get("reliableChange").get("method").asString()).isEqualTo("DECLARED");
            Map<String, JsonNode> byType = bySplit(series.get("groups"));
            assertThat(byType.get("IMHA").get("points").get(2).get("total").get("n").asString()).isEqualTo("10");
            assertThat(byType.get("CAMHS").get("points").get(0).get("total").get("n").asString()).isEqualTo("*");
            JsonNode progress = api("/api/persons/" + scenario.personOfAdvocate + "/progress", advocate());
            assertThat(progress.get("goals")).hasSize(2);
            assertThat(progress.get("milestones").toString()).contains("CLOSURE");
        });
    }

    private static Map<String, JsonNode> bySplit(JsonNode groups) {
        Map<String, JsonNode> found = new HashMap<>();
        groups.forEach(g -> found.put(g.get("group").get(SPLIT).asString(), g));
        return found;
    }

    private static String advocate() {
        return TestKeys.token(Caller.ADVOCATE, DashboardScenario.ADVOCATE, null);
    }

    private Object script(String script, Object... arguments) {
        return chromium.script(script, arguments);
    }

    private void signIn(String token) {
        chromium.signIn("http://localhost:" + port + "/dashboard/", token);
    }

    private void awaitStatus(String startsWith) {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("status")).getText().startsWith(startsWith));
    }

    private void showSplitFigures() {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !new Select(d.findElement(By.id("f-version")))
                .getOptions().isEmpty());
        new Select(browser.findElement(By.id("f-version"))).selectByValue(DashboardScenario.FRAMEWORK + "|1");
        new Select(browser.findElement(By.id("f-split"))).selectByValue(SPLIT);
        script("document.getElementById('status').textContent = ''");
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
        awaitStatus("Figures as published");
    }

    /** What a chart plots: each dataset's label (its group) and values, as Chart.js holds them. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> plotted(String canvas, String kind) {
        return (List<Map<String, Object>>) script("return Chart.getChart(document.getElementById(arguments[0]))"
                + ".data.datasets.filter(d => !arguments[1] || d.heard.kind === arguments[1])"
                + ".map(d => ({group: d.heard.group || d.label, data: d.data}))", canvas, kind);
    }

    private static Double number(JsonNode value) {
        return value == null || value.isNull() || "*".equals(value.asString()) ? null : value.asDouble();
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    @Test
    @Order(1)
    void theAnalystViewPlotsTheApisFiguresAndDrawsNoWithheldCell() throws Exception {
        awaitScenario();
        signIn(analyst);
        showSplitFigures();

        JsonNode series = api(seriesQuery(), analyst);
        Map<String, JsonNode> groups = bySplit(series.get("groups"));
        List<Map<String, Object>> means = plotted("chart-series", "mean");
        assertThat(means).hasSize(groups.size());
        for (Map<String, Object> line : means) {
            JsonNode group = groups.get((String) line.get("group"));
            List<?> values = (List<?>) line.get("data");
            for (int i = 0; i < values.size(); i++) {
                assertThat(number(values.get(i))).as("%s at %s", line.get("group"), i)
                        .isEqualTo(number(group.get("points").get(i).get("total").get("mean")));
            }
        }
        // CAMHS has 3 people: every point withheld by the API, none drawn, and the table says so
        assertThat(groups.get("CAMHS").get("points").get(0).get("total").get("mean").asString()).isEqualTo("*");
        Map<String, Object> camhs = means.stream().filter(l -> l.get("group").equals("CAMHS")).findFirst().orElseThrow();
        assertThat((List<?>) camhs.get("data")).containsOnlyNulls();
        Map<String, Object> imha = means.stream().filter(l -> l.get("group").equals("IMHA")).findFirst().orElseThrow();
        assertThat(((List<?>) imha.get("data")).subList(0, 3)).as("IMHA's baseline, review and closure are drawn")
                .doesNotContainNull();
        assertThat(browser.findElement(By.id("table-series")).getText()).contains("CAMHS").contains("withheld");
        assertThat(browser.findElement(By.id("rc-basis")).getText()).contains("declared with the version")
                .contains(series.get("reliableChange").get("threshold").asString());

        // reliable change and involvement bars are the cohort table's shares
        JsonNode cohorts = api("/api/impact/cohorts?framework=" + DashboardScenario.FRAMEWORK
                + "&frameworkVersion=1&groupBy=" + SPLIT, analyst);
        List<Map<String, Object>> improvement = plotted("chart-reliable", "improvement");
        List<Map<String, Object>> tookPart = plotted("chart-involvement", "tookPart");
        for (int i = 0; i < cohorts.size(); i++) {
            JsonNode row = cohorts.get(i);
            assertThat(number(((List<?>) improvement.get(0).get("data")).get(i)))
                    .isEqualTo(number(row.get("reliableChange").get("improvement").get("percent")));
            assertThat(number(((List<?>) tookPart.get(0).get("data")).get(i))).isEqualTo(number(row.get("tookPartPercent")));
        }
        JsonNode imhaRow = null;
        for (JsonNode row : cohorts) {
            if (row.get("group").get(SPLIT).asString().equals("IMHA")) {
                imhaRow = row;
            }
        }
        assertThat(imhaRow.get("reliableChange").get("improvement").get("percent").isNumber()).isTrue();
        assertThat(browser.findElement(By.id("table-wider")).getText()).contains("leave");

        screenshot("analyst", 1280);
        assertNoSeriousAccessibilityViolation("analyst view");
        browser.manage().window().setSize(new Dimension(820, 1180));
        screenshot("analyst-tablet", 820);
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    @Order(2)
    void theFiltersAreReachableAndUsableByKeyboard() throws Exception {
        awaitScenario();
        signIn(analyst);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !new Select(d.findElement(By.id("f-version")))
                .getOptions().isEmpty());
        new Select(browser.findElement(By.id("f-version"))).selectByValue(DashboardScenario.FRAMEWORK + "|1");
        script("document.activeElement.blur(); document.getElementById('main').focus()");
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 40 && !"f-split".equals(reached.isEmpty() ? null : reached.get(reached.size() - 1)); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            reached.add((String) script("return document.activeElement.id || document.activeElement.tagName"));
        }
        assertThat(reached).contains("f-version", "f-split");
        // choose the split with the keyboard, then submit the form with Enter from the next field
        WebElement split = browser.switchTo().activeElement();
        int before = new Select(split).getOptions().indexOf(new Select(split).getFirstSelectedOption());
        split.sendKeys(Keys.ARROW_DOWN);
        assertThat(new Select(split).getOptions().indexOf(new Select(split).getFirstSelectedOption()))
                .isEqualTo(before + 1);
        script("document.getElementById('status').textContent = ''");
        WebElement from = browser.findElement(By.id("f-from"));
        from.sendKeys(Keys.ENTER);
        awaitStatus("Figures as published");
        String chosen = new Select(browser.findElement(By.id("f-split"))).getFirstSelectedOption().getAttribute("value");
        JsonNode series = api("/api/impact/series?framework=" + DashboardScenario.FRAMEWORK
                + "&frameworkVersion=1&axis=timepoint&groupBy=" + chosen, analyst);
        assertThat(plotted("chart-series", "mean")).hasSize(series.get("groups").size());
        for (int i = 0; i < 20; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            reached.add((String) script("return document.activeElement.id || document.activeElement.className"));
        }
        assertThat(reached).contains("f-to", "f-asof", "f-score");
    }

    @Test
    @Order(3)
    void thePersonViewPlotsTheirReadingsAndGoalsAndMarksWhatHappened() throws Exception {
        awaitScenario();
        signIn(advocate());
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("person")).isDisplayed());
        WebElement input = browser.findElement(By.id("person-id"));
        input.sendKeys(scenario.personOfAdvocate, Keys.ENTER);
        awaitStatus("Their progress");

        JsonNode progress = api("/api/persons/" + scenario.personOfAdvocate + "/progress", advocate());
        JsonNode points = progress.get("trajectories").get(0).get("points");
        List<Map<String, Object>> totals = plotted("chart-readings", "total");
        assertThat(totals).hasSize(1);
        List<?> plottedPoints = (List<?>) totals.get(0).get("data");
        assertThat(plottedPoints).hasSize(points.size());
        for (int i = 0; i < points.size(); i++) {
            Map<?, ?> point = (Map<?, ?>) plottedPoints.get(i);
            assertThat(number(point.get("y"))).isEqualTo(points.get(i).get("score").asDouble());
        }
        List<Map<String, Object>> goals = plotted("chart-goals", "goal");
        assertThat(goals).hasSize(2);
        List<Double> ratings = new ArrayList<>();
        goals.forEach(g -> ((List<?>) g.get("data")).forEach(p -> ratings.add(number(((Map<?, ?>) p).get("y")))));
        List<Double> expected = new ArrayList<>();
        progress.get("goals").forEach(g -> g.get("ratings").forEach(r -> expected.add(r.get("rating").asDouble())));
        assertThat(ratings).containsExactlyElementsOf(expected);
        assertThat(browser.findElement(By.id("table-milestones")).getText()).contains("Forum held")
                .contains("Legal status").contains("Case closed");

        screenshot("person", 1280);
        assertNoSeriousAccessibilityViolation("person view");
    }

    @Test
    @Order(4)
    void aPersonNotOnTheAdvocatesCaseloadIsRefusedAndTheCsvDownloadHasItsName() throws Exception {
        awaitScenario();
        signIn(TestKeys.token(Caller.ADVOCATE, "advocate-other", null));
        browser.findElement(By.id("person-id")).sendKeys(scenario.personOfAdvocate, Keys.ENTER);
        awaitStatus("Could not load");
        assertThat(browser.findElement(By.id("status")).getText()).contains("permit");

        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + seriesQuery())).header("Authorization", "Bearer " + analyst).header("Accept", "text/csv")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment").contains("heard-series-timepoints-dashboard-test-v1-by-advocacyType-as-of-");
        String header = csv.body().lines().findFirst().orElseThrow();
        assertThat(header).contains("Timepoint").contains("Mean total, dashboard-test v1 (scale 6-30)")
                .contains("threshold");
        assertThat(csv.body()).contains(",CAMHS,BASELINE,*,*,*,*");
    }

    private void screenshot(String name, int width) throws IOException {
        chromium.screenshot(name, width);
    }

    private void assertNoSeriousAccessibilityViolation(String where) throws IOException {
        chromium.assertNoSeriousAccessibilityViolation(where);
    }
}
