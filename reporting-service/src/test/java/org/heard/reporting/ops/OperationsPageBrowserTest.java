package org.heard.reporting.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.heard.contracts.Topic;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.heard.reporting.dashboard.Browser;
import org.heard.reporting.ingest.DeadLetters;
import org.heard.reporting.ingest.ProjectionConsumer;
import org.heard.reporting.projection.LiveProjections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import tools.jackson.databind.JsonNode;

/**
 * The stream-status page for operations in a real browser ({@link Browser}) against reporting-service with a real
 * Kafka broker in-process and mongo-java-server: a consumer held deliberately between batches shows as stalled; a
 * write service's outbox growing while its Kafka is down shows as it answers; a parked record is listed without its
 * content, replayed from the page by keyboard and gone from the list (and another marked resolved), each audited.
 *
 * <p>The write service here is a stand-in HTTP server answering {@code /api/operations/outbox} in the write services'
 * own JSON (the one {@code OutboxComponentTest} of case-service checks against a real store while its broker is
 * stopped): what this test proves is the page's side, reporting-service asking it with the operator's token and the
 * page showing what it answered, and a service that does not answer.
 */
@EnabledIf("org.heard.reporting.dashboard.Browser#installed")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"heard.kafka.stall-after=3s", "heard.dashboard.operations-refresh=1s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsPageBrowserTest {

    private static final String OPERATOR = "ops-page-1";
    private static final String OPERATIONS = TestKeys.token(Caller.OPERATIONS, OPERATOR, null);
    private static final String OUTBOX = """
            {"at":"%s","processor":"kafka-publisher","headGlobalIndex":%d,"publishedThrough":49,"pendingEvents":%d,
             "oldestPendingStoredAt":%s,"oldestPendingAgeSeconds":%s}""";

    private static MongoServer mongo;
    private static HttpServer caseService;
    private static final AtomicReference<String> caseOutbox = new AtomicReference<>();
    private static final List<String> caseServiceAskedWith = new CopyOnWriteArrayList<>();
    private static Browser browser;
    private static KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongo.bind();
        registry.add("heard.mongo.uri", () -> "mongodb://" + address.getHostString() + ":" + address.getPort());
        registry.add("heard.mongo.database", () -> "operations_page_test");
        registry.add("heard.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("heard.kafka.group-id", () -> "operations-page-test-" + UUID.randomUUID());
        caseOutbox.set(outbox(49, 0, null, 0));
        caseService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        caseService.createContext("/api/operations/outbox", exchange -> {
            caseServiceAskedWith.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            boolean operator = ("Bearer " + OPERATIONS).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = operator ? caseOutbox.get().getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(operator ? 200 : 403, operator ? body.length : -1);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        caseService.start();
        registry.add("heard.operations.case-service-url", () -> "http://127.0.0.1:"
                + caseService.getAddress().getPort());
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        registry.add("heard.operations.outcome-service-url", () -> "http://127.0.0.1:" + nobody);
        TestKeys.register(registry);
    }

    private static String outbox(long head, long pending, String oldest, double age) {
        return OUTBOX.formatted(OffsetDateTime.now(), head, pending, oldest == null ? "null" : '"' + oldest + '"', age);
    }

    @BeforeAll
    static void browserAndProducer() throws Exception {
        browser = new Browser();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (caseService != null) {
            caseService.stop(0);
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ProjectionConsumer consumer;

    @Autowired
    LiveProjections projections;

    @Autowired
    Producer<String, byte[]> deadLetterProducer;

    private final HttpClient http = HttpClient.newHttpClient();

    private void openPage(String token) {
        browser.signIn("http://localhost:" + port + "/dashboard/operations.html", token);
    }

    private WebDriver driver() {
        return browser.driver;
    }

    private String text(String id) {
        return String.valueOf(browser.script("return document.getElementById(arguments[0]).innerText", id));
    }

    /** Waits (refresh after refresh) until the element's text satisfies the check; says what it last read if not. */
    private void awaitText(String id, java.util.function.Predicate<String> check, String what) {
        AtomicReference<String> last = new AtomicReference<>();
        new WebDriverWait(driver(), Duration.ofSeconds(60))
                .withMessage(() -> what + "; #" + id + " last said: " + last.get() + "; #status said: " + text("status"))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    last.set(d.findElement(By.id(id)).getText());
                    return check.test(last.get());
                });
    }

    /** The cells of the table row whose row header is this (read at once: each refresh redraws the tables). */
    @SuppressWarnings("unchecked")
    private List<String> row(String tableId, String header) {
        return (List<String>) browser.script("const row = Array.from(document.querySelectorAll('#' + arguments[0]"
                + " + ' tbody tr')).find(r => r.querySelector('th').textContent === arguments[1]);"
                + "return row ? Array.from(row.querySelectorAll('td')).map(c => c.innerText) : null;", tableId, header);
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> response = get(path, OPERATIONS);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return EventJson.mapper().readTree(response.body());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ProducerRecord<String, byte[]> referral(String personId, String caseId) {
        EventEnvelope envelope = EventEnvelope.wrap(new ReferralReceived(caseId, personId, AdvocacyType.IMHA,
                        ReferralSource.PROFESSIONAL, LocalDate.parse("2026-03-02"), null, null, null, null,
                        TestKeys.PROVIDER), UUID.randomUUID().toString(), URI.create("/heard/case-service"),
                "AdvocacyCase", caseId, 0, OffsetDateTime.parse("2026-03-02T09:00:00Z"), "c");
        return EnvelopeCodec.toRecord(Topic.CASE, envelope);
    }

    @Test
    @Order(1)
    void anOutboxGrowingWhileKafkaIsDownShowsOnThePageAndAServiceThatDoesNotAnswerSaysSo() throws Exception {
        openPage(OPERATIONS);
        awaitText("table-outboxes", t -> t.contains("case-service") && t.contains("empty"), "an empty outbox");
        assertThat(row("table-outboxes", "outcome-service")).last().asString()
                .startsWith("Not known: did not answer");

        // the write service's Kafka is down: its outbox holds what it accepted since, and grows
        caseOutbox.set(outbox(52, 3, "2026-12-02T00:40:37.120Z", 4.1));
        awaitText("table-outboxes", t -> t.contains("waiting for Kafka"), "a waiting outbox");
        assertThat(row("table-outboxes", "case-service")).startsWith("3", "4.1");
        caseOutbox.set(outbox(57, 8, "2026-12-02T00:40:37.120Z", 61.5));
        awaitText("table-outboxes", t -> row("table-outboxes", "case-service").get(0).equals("8"), "a grown outbox");
        List<String> grown = row("table-outboxes", "case-service");
        assertThat(grown).startsWith("8", "61.5").contains("57", "49", "waiting for Kafka");
        assertThat(browser.script("return document.querySelector('#table-outboxes tbody tr td.alarm').textContent"))
                .as("an old outbox is marked in words, not colour only").isEqualTo("waiting for Kafka");
        assertThat(text("as-of")).isNotBlank().isNotEqualTo("not yet loaded");

        assertThat(caseServiceAskedWith).as("reporting-service asks with the operator's own token")
                .isNotEmpty().allMatch(("Bearer " + OPERATIONS)::equals);
        assertThat(get("/api/operations/outboxes", TestKeys.token(Caller.ANALYST)).statusCode()).isEqualTo(403);
        assertThat(caseServiceAskedWith).allMatch(("Bearer " + OPERATIONS)::equals);
    }

    @Test
    @Order(2)
    void aParkedRecordIsShownWithoutItsContentThenReplayedFromThePageByKeyboardAndGoneFromTheList() throws Exception {
        String person = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        // a good record that an earlier fault parked (as a version with a bug would have): replaying it applies it
        DeadLetters parking = new DeadLetters(deadLetterProducer, "an-earlier-version");
        String reason = "simulated fault " + caseId.substring(0, 8);
        parking.park(asRead(referral(person, caseId), 77L), reason);
        String other = "another fault " + caseId.substring(0, 8);
        parking.park(asRead(referral(UUID.randomUUID().toString(), UUID.randomUUID().toString()), 78L), other);

        try (KafkaConsumer<String, byte[]> audit = TestKafka.consumerFromNow(Topic.AUDIT)) {
            openPage(OPERATIONS);
            awaitText("table-dead-letters", t -> t.contains(reason) && t.contains(other), "both parked records");
            assertThat(row("table-reasons", reason)).containsExactly("1");
            String place = placeOf(reason);
            assertThat(row("table-dead-letters", place)).contains(Topic.CASE.topicName() + " 1@77", reason, "parked");
            assertThat(driver().getPageSource()).as("no content of a parked record").doesNotContain(person)
                    .doesNotContain(caseId);
            browser.screenshot("ops-stream-status", 1100);

            // by keyboard: the page's controls from its start, then on through the list to this record's Replay button
            browser.script("document.activeElement.blur(); document.getElementById('main').focus()");
            assertThat(tabUntil("show-all", 10)).contains("refresh", "pause").last().isEqualTo("show-all");
            String label = "Replay the record parked at " + place;
            // other test classes' parked records may come first on the shared broker
            assertThat(tabUntil(label, 400)).last().isEqualTo(label);
            new Actions(driver()).sendKeys(Keys.ENTER).perform();

            awaitText("status", t -> t.startsWith("Replayed the record parked at " + place), "the replay's answer");
            awaitText("table-dead-letters", t -> !t.contains(reason), "the replayed record gone from the list");
            await().atMost(Duration.ofSeconds(30)).until(() -> projections.live().timelines().find(person).isPresent());
            JsonNode replayed = record(place);
            assertThat(replayed.get("status").asString()).isEqualTo("REPLAYED");
            assertThat(replayed.get("actionBy").asString()).isEqualTo(OPERATOR);

            // the other needs no replay: marked resolved, gone from the parked list, shown as resolved in the full one
            String otherPlace = placeOf(other);
            By resolve = By.cssSelector("button[aria-label='Mark resolved the record parked at " + otherPlace + "']");
            new WebDriverWait(driver(), Duration.ofSeconds(10))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                        d.findElement(resolve).click();
                        return true;
                    });
            awaitText("table-dead-letters", t -> !t.contains(other), "the resolved record gone from the list");
            driver().findElement(By.id("show-all")).click();
            awaitText("table-dead-letters", t -> t.contains(other), "every record");
            assertThat(row("table-dead-letters", otherPlace)).anySatisfy(cell -> assertThat(cell)
                    .startsWith("resolved by " + OPERATOR));
            driver().findElement(By.id("show-all")).click();

            List<String> actions = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                TestKafka.poll(audit, Duration.ofMillis(200)).forEach(r -> actions.add(new String(r.value(),
                        StandardCharsets.UTF_8)));
                assertThat(actions).anySatisfy(a -> assertThat(a).contains("DEAD_LETTER_REPLAYED")
                                .contains("dead-letter/" + place))
                        .anySatisfy(a -> assertThat(a).contains("DEAD_LETTER_RESOLVED")
                                .contains("dead-letter/" + otherPlace));
            });
        }
        browser.assertNoSeriousAccessibilityViolation("stream-status page");
    }

    /** Presses Tab until the focused element is this one (its aria-label or id), at most so often; what it reached. */
    private List<String> tabUntil(String wanted, int most) {
        List<String> reached = new ArrayList<>();
        while (reached.size() < most && !wanted.equals(reached.isEmpty() ? null : reached.get(reached.size() - 1))) {
            new Actions(driver()).sendKeys(Keys.TAB).perform();
            reached.add(String.valueOf(browser.script("return document.activeElement.getAttribute('aria-label')"
                    + " || document.activeElement.id")));
        }
        return reached;
    }

    private static ConsumerRecord<String, byte[]> asRead(ProducerRecord<String, byte[]> record, long offset) {
        return new ConsumerRecord<>(record.topic(), 1, offset, 0L, TimestampType.CREATE_TIME, -1,
                record.value().length, record.key(), record.value(), record.headers(), java.util.Optional.empty());
    }

    /** Where on the dead-letter topic the record parked for this reason is, as the API says. */
    private String placeOf(String reason) throws Exception {
        for (JsonNode record : api("/api/operations/dead-letters").get("records")) {
            if (record.get("reason").asString().equals(reason)) {
                return record.get("partition").asInt() + "@" + record.get("offset").asLong();
            }
        }
        throw new AssertionError("nothing parked for " + reason);
    }

    private JsonNode record(String place) throws Exception {
        for (JsonNode record : api("/api/operations/dead-letters").get("records")) {
            if ((record.get("partition").asInt() + "@" + record.get("offset").asLong()).equals(place)) {
                return record;
            }
        }
        throw new AssertionError("no record at " + place);
    }

    @Test
    @Order(3)
    void aDeliberatelyStalledConsumerShowsAsStalledAndThenAsApplyingAgain() throws Exception {
        openPage(OPERATIONS);
        awaitText("consumer", t -> t.startsWith("State") && !t.contains("Stalled"), "a consumer that is not stalled");
        String person = UUID.randomUUID().toString();
        consumer.betweenBatches(() -> {
            // the consumer cannot write while this is held: a record waits, nothing is applied
            producer.send(referral(person, UUID.randomUUID().toString())).get();
            awaitText("consumer", t -> t.contains("Stalled: records are waiting and nothing has been applied"),
                    "a stalled consumer");
            assertThat(text("table-partitions")).contains("behind, stalled");
            assertThat(browser.script("return document.querySelector('#consumer dd.alarm').textContent"))
                    .asString().startsWith("Stalled");
            JsonNode streams = api("/api/operations/streams");
            assertThat(streams.get("stalled").asBoolean()).isTrue();
            assertThat(streams.get("lagRecords").asLong()).isPositive();
            return null;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> projections.live().timelines().find(person).isPresent());
        awaitText("consumer", t -> t.startsWith("State") && !t.contains("Stalled"), "applying again");
        assertThat(text("table-partitions")).doesNotContain("stalled");
    }

    @Test
    @Order(4)
    void aSignInWithoutTheOperationsRoleIsToldSoAndShownNothing() throws Exception {
        openPage(TestKeys.token(Caller.ANALYST));
        awaitText("status", t -> t.contains("does not have the role operations"), "the refusal");
        assertThat(driver().findElement(By.id("operations")).isDisplayed()).isFalse();
        Path shot = Browser.SCREENSHOTS.resolve("ops-stream-status.png");
        assertThat(Files.size(shot)).as("the screenshot was taken").isPositive();
    }
}
