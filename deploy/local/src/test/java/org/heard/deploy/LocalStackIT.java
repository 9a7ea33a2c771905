package org.heard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.heard.contracts.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole local stack as {@code ./heard up} runs it: a real Kafka broker in its own JVM, real PostgreSQL,
 * mongo-java-server on an H2 file and the three services and the trust gateway as separate processes, driven over HTTP
 * (and HL7 v2 over MLLP, with HAPI's client) with tokens from the local issuer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADVOCATE = "advocate-it";

    private static StackSettings settings;
    private static LocalStack stack;
    private static LocalKeys keys;
    private static final List<String> peopleSoFar = new ArrayList<>();
    /** People this test referred for IMHA itself, before the demo's trust feed adds its own. */
    private static int imhaPeopleReferred;

    /** Synthetic personal data of the privacy scenario: none of it may appear in clear outside an API response. */
    private static final List<Map<String, String>> PEOPLE = List.of(
            Map.of("name", "Kwame Synthetic-Mensah", "nhs", "9990000018", "contact", "07700 900456",
                    "dob", "1961-07-13", "words", "I want my voice heard at the tribunal",
                    "issue", "They changed my medication without asking me"),
            Map.of("name", "Delroy Fictional-Campbell", "nhs", "9990000026", "contact", "07700 900789",
                    "dob", "1974-11-02", "words", "The ward will not tell me about my leave",
                    "issue", "Staff speak about me as if I am not there"),
            Map.of("name", "Maya Madeup-Okafor", "nhs", "9990000034", "contact", "07700 900321",
                    "dob", "2009-05-21", "words", "Nobody asks me what I think at school meetings",
                    "issue", "I want my mum told when my plan changes"));
    private static final Map<String, String> scenarioPeople = new HashMap<>();
    private static final Map<String, String> scenarioCases = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Path home = Files.createTempDirectory("heard-it-");
        Map<String, String> env = new HashMap<>();
        env.put("HEARD_HOME", home.toString());
        for (String port : List.of("HEARD_KAFKA_PORT", "HEARD_KAFKA_CONTROLLER_PORT", "HEARD_POSTGRES_PORT",
                "HEARD_MONGO_PORT", "HEARD_CASE_PORT", "HEARD_OUTCOME_PORT", "HEARD_REPORTING_PORT",
                "HEARD_GATEWAY_PORT", "HEARD_MLLP_PORT")) {
            env.put(port, Integer.toString(freePort()));
        }
        settings = StackSettings.fromEnvironment(Path.of(System.getProperty("heard.repo", "../..")), env);
        stack = new LocalStack(settings);
        stack.start();
        keys = new LocalKeys(settings.home());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String token(String role, String subject, String personId) throws Exception {
        return keys.token(role, subject, personId, Duration.ofMinutes(30));
    }

    private static HttpResponse<String> send(String method, String url, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return send("POST", url, json, token("advocate", ADVOCATE, null));
    }

    private static HttpResponse<String> timeline(String personId) throws Exception {
        return send("GET", stack.reportingUrl() + "/api/persons/" + personId + "/timeline", null,
                token("service-user", "su-" + personId, personId));
    }

    private static int entries(String personId) throws Exception {
        HttpResponse<String> response = timeline(personId);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).get("entries").size() : 0;
    }

    /** case-service's outbox as the stream-status page gets it: {@code GET /api/operations/outboxes} of reporting. */
    private static JsonNode caseOutboxOnTheStreamStatusPage() throws Exception {
        HttpResponse<String> response = send("GET", stack.reportingUrl() + "/api/operations/outboxes", null,
                token("operations", "ops-it", null));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode service : JSON.readTree(response.body()).get("services")) {
            if (service.get("service").asString().equals("case-service")) {
                assertThat(service.path("outbox").isObject()).as("case-service answered: %s", service).isTrue();
                return service.get("outbox");
            }
        }
        throw new AssertionError("no case-service in " + response.body());
    }

    private static boolean frameworkPublished;

    /** The default framework ships as a draft: a (synthetic) service-user panel endorses it, then it is published. */
    private static void publishDefaultFramework() throws Exception {
        if (frameworkPublished) {
            return;
        }
        String base = stack.outcomeUrl() + "/api/frameworks/heard-empowerment/versions/1";
        assertThat(send("POST", base + "/reviews", """
                {"reviewerRole":"SERVICE_USER_PANEL","verdict":"ENDORSED","reviewedOn":"2026-01-01"}""",
                token("service-user-panel", "panel-it", null)).statusCode()).isEqualTo(204);
        assertThat(post(base + "/publication", "{\"on\":\"2026-01-01\"}").statusCode()).isEqualTo(204);
        frameworkPublished = true;
    }

    private static String assessment(String personId, String caseId, String on) {
        return """
                {"personId":"%s","caseId":"%s","frameworkId":"heard-empowerment","frameworkVersion":1,
                 "timepoint":"BASELINE","completedOn":"%s","completedBy":"SELF","responses":[
                 {"itemId":"involved-in-decisions","value":2},{"itemId":"listened-to","value":3},
                 {"itemId":"know-my-rights","value":2},{"itemId":"confident-to-speak-up","value":3},
                 {"itemId":"say-over-care","value":2},{"itemId":"hopeful","value":2}]}""".formatted(personId, caseId, on);
    }

    /** Registers a person (a referral names a registered person) and refers them; their timeline starts with both. */
    private static JsonNode refer(String advocacyType) throws Exception {
        String personId = JSON.readTree(post(stack.caseUrl() + "/api/persons", "{\"name\":\"Stack Synthetic\"}")
                .body()).get("personId").asString();
        HttpResponse<String> response = post(stack.caseUrl() + "/api/cases", """
                {"personId":"%s","advocacyType":"%s","referralSource":"PROFESSIONAL","referredOn":"2026-01-05"}"""
                .formatted(personId, advocacyType));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        if (advocacyType.equals("IMHA")) {
            imhaPeopleReferred++;
        }
        return JSON.readTree(response.body());
    }

    /** The test's advocate accepts the case and assigns it to themselves: it is on their caseload. */
    private static void onOwnCaseload(String caseId) throws Exception {
        assertThat(post(stack.caseUrl() + "/api/cases/" + caseId + "/acceptance", "{\"on\":\"2026-01-06\"}")
                .statusCode()).isEqualTo(204);
        assertThat(post(stack.caseUrl() + "/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + ADVOCATE
                + "\"}").statusCode()).isEqualTo(204);
    }

    /** What {@code show <setting>} answers on the stack's PostgreSQL, for every durability setting. */
    private static Map<String, String> postgresDurability() throws Exception {
        Map<String, String> shown = new HashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + settings.postgresPort() + "/heard_case", "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            for (String setting : LocalStack.POSTGRES_DURABILITY.keySet()) {
                try (ResultSet row = statement.executeQuery("show " + setting)) {
                    row.next();
                    shown.put(setting, row.getString(1));
                }
            }
        }
        return shown;
    }

    @Test
    @Order(0)
    void postgresCommitsDurablyAWriteAnsweredIsOnDiskNotOnlyInMemory() throws Exception {
        assertThat(postgresDurability()).isEqualTo(Map.of("fsync", "on", "synchronous_commit", "on",
                "full_page_writes", "on"));
    }

    @Test
    @Order(1)
    void aReferralAndAnAssessmentReachThePersonsTimelineThroughKafka() throws Exception {
        JsonNode created = refer("IMHA");
        String personId = created.get("personId").asString();
        String caseId = created.get("caseId").asString();
        onOwnCaseload(caseId);
        publishDefaultFramework();
        HttpResponse<String> assessed = post(stack.outcomeUrl() + "/api/assessments",
                assessment(personId, caseId, "2026-01-06"));
        assertThat(assessed.statusCode()).as(assessed.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> entries(personId) == 5);
        List<String> types = new ArrayList<>();
        JSON.readTree(timeline(personId).body()).get("entries").forEach(e -> types.add(e.get("type").asString()));
        assertThat(types).containsExactly("org.heard.case.PersonRegistered.v1", "org.heard.case.ReferralReceived.v1",
                "org.heard.case.ReferralAccepted.v1", "org.heard.case.AdvocateAssigned.v1",
                "org.heard.outcome.AssessmentCompleted.v1");
        peopleSoFar.add(personId);
    }

    @Test
    @Order(2)
    void aMalformedReferralIsAProblemNamingTheFieldAndNoTokenIsUnauthorised() throws Exception {
        HttpResponse<String> response = post(stack.caseUrl() + "/api/cases", """
                {"personId":"%s","advocacyType":"IMHA","referredOn":"2026-01-05"}""".formatted(UUID.randomUUID()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asString())
                .isEqualTo("referralSource");
        assertThat(send("POST", stack.caseUrl() + "/api/cases", "{}", null).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void referralsAcceptedWhileKafkaIsDownArriveExactlyOnceWhenItIsBack() throws Exception {
        stack.stopKafka();
        List<String> people = new ArrayList<>();
        long firstPending = 0;
        for (int i = 0; i < 5; i++) {
            people.add(refer(i % 2 == 0 ? "COMMUNITY_CULTURALLY_SPECIFIC" : "CAMHS").get("personId").asString());
            if (i == 0) {
                firstPending = caseOutboxOnTheStreamStatusPage().get("pendingEvents").asLong();
            }
        }
        // the stream-status page's outbox view (reporting-service asking case-service) shows the outbox growing
        JsonNode grown = caseOutboxOnTheStreamStatusPage();
        assertThat(firstPending).as("case-service's outbox after one referral with Kafka down").isPositive();
        assertThat(grown.get("pendingEvents").asLong()).as("and after five").isGreaterThan(firstPending);
        assertThat(grown.get("oldestPendingAgeSeconds").asDouble()).isPositive();
        assertThat(timeline(people.get(0)).statusCode()).isEqualTo(404);
        // personal data is not served while the audit stream cannot record the read
        String caseId = refer("IMHA").get("caseId").asString();
        onOwnCaseload(caseId);
        HttpResponse<String> unaudited = send("GET", stack.caseUrl() + "/api/cases/" + caseId, null,
                token("advocate", ADVOCATE, null));
        assertThat(unaudited.statusCode()).isEqualTo(503);
        assertThat(unaudited.body()).contains("audit stream");

        stack.startKafka();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String person : people) {
                assertThat(entries(person)).as("timeline of a person referred during the outage").isEqualTo(2);
            }
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(caseOutboxOnTheStreamStatusPage()
                .get("pendingEvents").asLong()).as("case-service's outbox once Kafka is back").isZero());
        // A referral after the outage flows too, and the earlier ones are still there exactly once.
        String after = refer("IMHA").get("personId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> entries(after) == 2);
        for (String person : people) {
            assertThat(entries(person)).isEqualTo(2);
        }
        peopleSoFar.addAll(people);
    }

    @Test
    @Order(4)
    void noPersonalDataIsInClearInTheEventStoresKafkaMongoDbOrTheLogs() throws Exception {
        for (Map<String, String> person : PEOPLE) {
            HttpResponse<String> registered = post(stack.caseUrl() + "/api/persons", """
                    {"name":"%s","nhsNumber":"%s","dateOfBirth":"%s","contact":"%s"}""".formatted(person.get("name"),
                    person.get("nhs"), person.get("dob"), person.get("contact")));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            String personId = JSON.readTree(registered.body()).get("personId").asString();
            HttpResponse<String> referral = post(stack.caseUrl() + "/api/cases", """
                    {"personId":"%s","advocacyType":"COMMUNITY_CULTURALLY_SPECIFIC","referralSource":"SELF",
                     "referredOn":"2026-02-01","reason":"%s"}""".formatted(personId, person.get("words")));
            String caseId = JSON.readTree(referral.body()).get("caseId").asString();
            assertThat(post(stack.caseUrl() + "/api/cases/" + caseId + "/acceptance", "{\"on\":\"2026-02-02\"}")
                    .statusCode()).isEqualTo(204);
            assertThat(post(stack.caseUrl() + "/api/cases/" + caseId + "/advocate",
                    "{\"advocateId\":\"" + ADVOCATE + "\"}").statusCode()).isEqualTo(204);
            HttpResponse<String> issue = post(stack.caseUrl() + "/api/cases/" + caseId + "/issues", """
                    {"category":"MEDICATION","description":"%s","raisedOn":"2026-02-02"}"""
                    .formatted(person.get("issue")));
            assertThat(issue.statusCode()).as(issue.body()).isEqualTo(201);
            String issueId = JSON.readTree(issue.body()).get("id").asString();
            assertThat(post(stack.caseUrl() + "/api/cases/" + caseId + "/involvements", """
                    {"forum":"WARD_ROUND","heldOn":"2026-02-03","issueIds":["%s"],
                     "participation":"SPOKE_FOR_THEMSELVES_WITH_SUPPORT","viewsTakenIntoAccount":"PARTLY",
                     "advocateMinutes":60}""".formatted(issueId)).statusCode()).isEqualTo(201);
            assertThat(post(stack.outcomeUrl() + "/api/assessments", assessment(personId, caseId, "2026-02-02"))
                    .statusCode()).isEqualTo(201);
            // the advocate reads it all back: the only place it appears in clear
            HttpResponse<String> view = send("GET", stack.caseUrl() + "/api/persons/" + personId, null,
                    token("advocate", ADVOCATE, null));
            assertThat(view.body()).contains(person.get("name")).contains(person.get("nhs"));
            assertThat(send("GET", stack.caseUrl() + "/api/cases/" + caseId, null, token("advocate", ADVOCATE, null))
                    .body()).contains(person.get("issue"));
            scenarioPeople.put(person.get("name"), personId);
            scenarioCases.put(personId, caseId);
        }
        for (String personId : scenarioPeople.values()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> entries(personId) == 7);
        }

        List<String> secrets = PEOPLE.stream().flatMap(p -> p.values().stream()).toList();
        assertNoSecrets(secrets, settings.mongoUri(), "heard_reporting");
    }

    private static void assertNoSecrets(List<String> secrets, String mongoUri, String mongoDatabase) throws Exception {
        List<String> found = new ArrayList<>();
        // every table of both event stores, raw bytes included
        for (String database : List.of("heard_case", "heard_outcome", "heard_keys")) {
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                    + settings.postgresPort() + "/" + database, "postgres", "postgres");
                 Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery(
                        "select tablename from pg_tables where schemaname = 'public'")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                assertThat(tables).contains(database.equals("heard_keys") ? "person_data_key" : "domain_event_entry");
                for (String table : tables) {
                    try (ResultSet rows = statement.executeQuery("select * from " + table)) {
                        ResultSetMetaData meta = rows.getMetaData();
                        while (rows.next()) {
                            for (int c = 1; c <= meta.getColumnCount(); c++) {
                                Object value = rows.getObject(c);
                                String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                        : String.valueOf(value);
                                scan(database + "." + table, text, secrets, found);
                            }
                        }
                    }
                }
            }
        }
        // every record of every topic: key, headers and value
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "scan-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        int records = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(Stream.of(Topic.values()).map(Topic::topicName).toList());
            int emptyPolls = 0;
            while (emptyPolls < 6) {
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                consumer.poll(Duration.ofMillis(500)).forEach(batch::add);
                emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : batch) {
                    records++;
                    StringBuilder text = new StringBuilder(String.valueOf(record.key()));
                    for (Header header : record.headers()) {
                        text.append(header.key()).append(new String(header.value(), StandardCharsets.UTF_8));
                    }
                    text.append(new String(record.value(), StandardCharsets.UTF_8));
                    scan("kafka " + record.topic(), text.toString(), secrets, found);
                }
            }
        }
        assertThat(records).as("records scanned on Kafka").isGreaterThan(20);
        // every document of every collection
        int documents = 0;
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            MongoDatabase db = mongo.getDatabase(mongoDatabase);
            for (String collection : db.listCollectionNames()) {
                for (org.bson.RawBsonDocument document : db.getCollection(collection, org.bson.RawBsonDocument.class)
                        .find()) {
                    documents++;
                    // the raw BSON bytes: binary fields (a timeline's events) are scanned as they are stored
                    java.nio.ByteBuffer bytes = document.getByteBuffer().asNIO();
                    byte[] raw = new byte[bytes.remaining()];
                    bytes.get(raw);
                    scan("mongo " + collection, new String(raw, java.nio.charset.StandardCharsets.UTF_8), secrets,
                            found);
                }
            }
        }
        assertThat(documents).as("documents scanned in MongoDB").isGreaterThan(5);
        // every log line of every process
        try (Stream<Path> logs = Files.list(settings.home().resolve("logs"))) {
            for (Path log : logs.toList()) {
                scan("log " + log.getFileName(), Files.readString(log), secrets, found);
            }
        }
        assertThat(found).as("personal data found in clear").isEmpty();
    }

    private static void scan(String where, String text, List<String> secrets, List<String> found) {
        for (String secret : secrets) {
            if (text.contains(secret)) {
                found.add(where + " contains a scenario value");
            }
        }
    }

    @Test
    @Order(5)
    void erasureDrillNoTraceAfterARebuildFromOffsetZeroAndCohortCountsUnchanged() throws Exception {
        String analyst = token("analyst", "analyst-it", null);
        String cohortUrl = stack.reportingUrl() + "/api/impact/referrals?groupBy=advocacyType,month";
        String cohortBefore = send("GET", cohortUrl, null, analyst).body();
        String erased = scenarioPeople.get("Kwame Synthetic-Mensah");
        assertThat(erased).isNotNull();

        HttpResponse<String> erasure = post(stack.caseUrl() + "/api/persons/" + erased + "/erasure", """
                {"reason":"PERSON_REQUEST"}""");
        assertThat(erasure.statusCode()).as(erasure.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> timeline(erased).statusCode() == 404);

        // Their sealed values, in the event store and in Kafka history alike, now read as erased.
        JsonNode person = JSON.readTree(send("GET", stack.caseUrl() + "/api/persons/" + erased, null,
                token("advocate", ADVOCATE, null)).body());
        assertThat(person.get("erased").asBoolean()).isTrue();
        assertThat(person.get("name").isNull()).isTrue();
        // Their cases have left every caseload (case_summary): a read of one is not found.
        assertThat(send("GET", stack.caseUrl() + "/api/cases/" + scenarioCases.get(erased), null,
                token("advocate", ADVOCATE, null)).statusCode()).isEqualTo(404);

        // Rebuild every projection from offset zero into a new database.
        stack.restartReporting(Map.of("HEARD_REPORTING_GROUP_ID", "rebuild-" + UUID.randomUUID(),
                "HEARD_MONGO_DATABASE", "heard_rebuild"));
        String marker = refer("CARE_ACT").get("personId").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> entries(marker) == 2);
        for (String other : scenarioPeople.values()) {
            if (!other.equals(erased)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> entries(other) == 7);
            }
        }

        assertThat(timeline(erased).statusCode()).isEqualTo(404);
        try (MongoClient mongo = MongoClients.create(settings.mongoUri())) {
            MongoDatabase rebuilt = mongo.getDatabase("heard_rebuild");
            assertThat(rebuilt.getCollection("person_timeline").countDocuments(new Document("_id", erased))).isZero();
            assertThat(rebuilt.getCollection("erased_person").countDocuments(new Document("_id", erased))).isOne();
        }
        String cohortAfter = send("GET", cohortUrl, null, analyst).body();
        JsonNode before = JSON.readTree(cohortBefore);
        JsonNode after = JSON.readTree(cohortAfter);
        // the marker referral (CARE_ACT, 2026-01) is the only new one: every other cell is as it was
        List<JsonNode> beforeRows = new ArrayList<>();
        before.get("rows").forEach(beforeRows::add);
        List<JsonNode> afterRows = new ArrayList<>();
        after.get("rows").forEach(row -> {
            if (!row.get("group").get("advocacyType").asString().equals("CARE_ACT")) {
                afterRows.add(row);
            }
        });
        assertThat(afterRows).isEqualTo(beforeRows);
        assertNoSecrets(PEOPLE.stream().flatMap(p -> p.values().stream()).toList(), settings.mongoUri(),
                "heard_rebuild");
    }

    @Test
    @Order(6)
    void theDemoScenarioLoadsThroughThePublicApisAndTheTrustGatewayAndTheHeadlineTableShowsEveryCohort()
            throws Exception {
        Map<String, Long> inboxBefore = inboxByTypeAndStatus();
        org.heard.deploy.demo.DemoScenario scenario = new org.heard.deploy.demo.DemoScenario(stack.caseUrl(),
                stack.outcomeUrl(), keys, 11, 0.1, System.out)
                .throughGateway(stack.gatewayUrl(), "127.0.0.1", stack.mllpPort());
        int people = scenario.run(2);
        assertThat(people).isEqualTo(13); // 3 + 9 + 1

        // every admission and opt-out the scenario plans was acknowledged as stored (AA, 2xx) ...
        org.heard.deploy.demo.DemoScenario.Feed sent = scenario.sent();
        assertThat(sent).isEqualTo(scenario.planned());
        assertThat(sent.tookUp()).isEqualTo(9);
        assertThat(sent.optOuts()).isPositive();
        // ... and the gateway's own database holds exactly that, all of it applied (none refused, none pending)
        scenario.awaitTrustGateway(settings.gatewayDbUrl(), "postgres", "postgres", Duration.ofMinutes(3));
        assertThat(delta(inboxBefore, inboxByTypeAndStatus())).isEqualTo(Map.of(
                "ADT^A01 APPLIED", (long) sent.hl7Admissions(),
                "FHIR Patient APPLIED", (long) sent.fhirAdmissions(),
                "FHIR Encounter APPLIED", (long) sent.fhirAdmissions(),
                "opt-out APPLIED", (long) sent.optOuts()));

        JsonNode rows = org.heard.deploy.demo.HeadlineTable.await(stack.reportingUrl(),
                token("analyst", "analyst-it", null), Duration.ofSeconds(90));
        Map<String, JsonNode> byType = new HashMap<>();
        rows.forEach(row -> byType.put(row.get("group").get("advocacyType").asString(), row));
        assertThat(byType).containsKeys("COMMUNITY_CULTURALLY_SPECIFIC", "IMHA", "CAMHS");
        // IMHA people: every qualifying patient the feed sent is referred automatically, whether or not they took up
        // advocacy, beside those this test referred itself; published through the disclosure rule
        assertThat(byType.get("IMHA").get("people").asString()).as("IMHA people of %s", rows)
                .isEqualTo(published(imhaPeopleReferred + sent.qualifying()));

        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        org.heard.deploy.demo.HeadlineTable.print(rows, new java.io.PrintStream(printed, true));
        scenario.printUptake(stack.reportingUrl(), token("analyst", "analyst-it", null),
                new java.io.PrintStream(printed, true));
        // the uptake view, fed by the same admissions through the gateway (HL7 v2 over MLLP, FHIR): no trust feed
        // reached this stack before this test, so its people are the feed's alone; said no: opted out or declined
        HttpResponse<String> uptake = send("GET", stack.reportingUrl() + "/api/impact/uptake", null,
                token("analyst", "analyst-it", null));
        assertThat(uptake.statusCode()).isEqualTo(200);
        JsonNode overall = JSON.readTree(uptake.body());
        overall = overall.has("rows") ? overall.get("rows").get(0) : overall.get(0);
        assertThat(overall.get("qualifyingPeople").asString()).as("qualifying of %s", overall)
                .isEqualTo(published(sent.qualifying()));
        assertThat(overall.get("withImhaCase").get("count").asString()).as("with an IMHA case of %s", overall)
                .isEqualTo(published(sent.qualifying() - sent.optOuts()));
        assertThat(overall.get("saidNo").asString()).as("said no of %s", overall)
                .isEqualTo(published(sent.optOuts()));
        // each of them has the first-contact clock of their automatic referral
        assertThat(overall.get("firstContact").get("referrals").asString()).as("first-contact clocks of %s", overall)
                .isEqualTo(published(sent.qualifying()));
        assertThat(printed.toString()).contains("IMHA").contains("advocacy type")
                .contains("IMHA people: all " + sent.qualifying() + " qualifying patients")
                .containsPattern("\\n  all +" + java.util.regex.Pattern.quote(published(sent.qualifying())) + " +"
                        + java.util.regex.Pattern.quote(published(sent.qualifying() - sent.optOuts())));
    }

    /** A count as the analyst API publishes it under the stack's default rule: 1 to 7 as "*", others to the nearest 5. */
    private static String published(long count) {
        if (count == 0) {
            return "0";
        }
        return count <= 7 ? "*" : Long.toString((count + 2) / 5 * 5);
    }

    /** The gateway's inbox, counted by message type and status ({@code ADT^A01 APPLIED}, …). */
    private static Map<String, Long> inboxByTypeAndStatus() throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(settings.gatewayDbUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select message_type, status, count(*) from inbox_message group by message_type, status")) {
            while (rows.next()) {
                counts.put(rows.getString(1) + " " + rows.getString(2), rows.getLong(3));
            }
        }
        return counts;
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((key, count) -> {
            long added = count - before.getOrDefault(key, 0L);
            if (added != 0) {
                delta.put(key, added);
            }
        });
        return delta;
    }

    /** HAPI's MLLP client, as a trust's interface engine sends: one ADT message, its acknowledgement. */
    private static ca.uhn.hl7v2.util.Terser sendHl7(String er7) throws Exception {
        try (ca.uhn.hl7v2.HapiContext hapi = new ca.uhn.hl7v2.DefaultHapiContext()) {
            hapi.setModelClassFactory(new ca.uhn.hl7v2.parser.CanonicalModelClassFactory("2.5"));
            hapi.setValidationContext(ca.uhn.hl7v2.validation.impl.ValidationContextFactory.noValidation());
            hapi.getParserConfiguration().setIdGenerator(new ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator());
            hapi.setLowerLayerProtocol(new ca.uhn.hl7v2.llp.MinLowerLayerProtocol(true));
            ca.uhn.hl7v2.app.Connection connection = hapi.newClient("127.0.0.1", settings.mllpPort(), false);
            try {
                connection.getInitiator().setTimeout(60, java.util.concurrent.TimeUnit.SECONDS);
                return new ca.uhn.hl7v2.util.Terser(connection.getInitiator()
                        .sendAndReceive(hapi.getPipeParser().parse(er7)));
            } finally {
                connection.close();
            }
        }
    }

    /** An admission under section 3 from the local stack's synthetic trust, as Heard's README documents it. */
    private static String admission(String controlId, String nhs) {
        return String.join("\r",
                "MSH|^~\\&|PAS|HEARD_DEMO_PAS|HEARD|HEARD|20260302091500||ADT^A01^ADT_A01|" + controlId
                        + "|P|2.5|||AL|NE",
                "EVN|A01|20260302091500",
                "PID|1||" + nhs + "^^^NHS^NH~H9042^^^SYNTH^MR||Synthetic^Ade||19850704|M|||||||||||||||N",
                "PV1|1|I|WILLOW^^^SYNTH01||||||||||||||||V-IT-1|||||||||||||||||||||||||20260302091500|",
                "ZLS|1|03^^UKCORE-ENGLAND|20260302091500") + "\r";
    }

    private static long inboxRows(String controlId) throws Exception {
        try (Connection connection = DriverManager.getConnection(settings.gatewayDbUrl(), "postgres", "postgres");
             java.sql.PreparedStatement count = connection.prepareStatement(
                     "select count(*) from inbox_message where sender = 'HEARD_DEMO_PAS' and message_id = ?")) {
            count.setString(1, controlId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    @Order(7)
    void theTrustGatewayInTheStackAcknowledgesAnMllpAdmissionOnceStoredAndCaseServiceHasThePersonAndTheirReferral()
            throws Exception {
        String nhs = "9990000042";
        ca.uhn.hl7v2.util.Terser ack = sendHl7(admission("it-admission-1", nhs));
        assertThat(ack.get("/MSA-1")).isEqualTo("AA");
        assertThat(ack.get("/MSA-2")).isEqualTo("it-admission-1");
        assertThat(inboxRows("it-admission-1")).as("stored in the gateway's own database before AA").isOne();
        // a resend (the sender never saw the AA) is acknowledged again and stored once
        assertThat(sendHl7(admission("it-admission-1", nhs)).get("/MSA-1")).isEqualTo("AA");
        assertThat(inboxRows("it-admission-1")).isOne();

        // the gateway registered the person in case-service and opened their IMHA referral on its own
        String advocate = token("advocate", ADVOCATE, null);
        String personId = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            HttpResponse<String> found = send("GET", stack.caseUrl() + "/api/persons?nhsNumber=" + nhs, null,
                    advocate);
            return found.statusCode() == 200 ? JSON.readTree(found.body()).get("personId").asString() : null;
        }, java.util.Objects::nonNull);
        String caseId = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> response = timeline(personId);
            if (response.statusCode() != 200) {
                return null;
            }
            for (JsonNode entry : JSON.readTree(response.body()).get("entries")) {
                if (entry.get("type").asString().equals("org.heard.case.ReferralReceived.v1")) {
                    return entry.get("aggregateId").asString();
                }
            }
            return null;
        }, java.util.Objects::nonNull);
        String asThePerson = token("service-user", "su-" + personId, personId);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode kase = JSON.readTree(send("GET", stack.caseUrl() + "/api/cases/" + caseId, null, asThePerson)
                    .body());
            assertThat(kase.get("personId").asString()).isEqualTo(personId);
            assertThat(kase.get("advocacyType").asString()).isEqualTo("IMHA");
            assertThat(kase.get("referralSource").asString()).isEqualTo("TRUST_FEED");
            assertThat(kase.get("legalStatusCode").asString()).isEqualTo("03");
        });
        JsonNode person = JSON.readTree(send("GET", stack.caseUrl() + "/api/persons/" + personId, null, asThePerson)
                .body());
        assertThat(person.get("nhsNumber").asString()).isEqualTo(nhs);
        assertThat(person.get("name").asString()).isEqualTo("Ade Synthetic");
    }

    @Test
    @Order(8)
    void stoppingAndRestartingTheStackLosesNothing() throws Exception {
        stack.close();
        stack = new LocalStack(settings);
        stack.start();
        assertThat(postgresDurability()).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on");

        for (String person : peopleSoFar) {
            assertThat(entries(person)).as("timeline kept across the restart").isGreaterThanOrEqualTo(1);
        }
        assertThat(entries(peopleSoFar.get(0))).isEqualTo(5);
        String person = refer("IMCA").get("personId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> entries(person) == 2);
        // the gateway is back too, with what it stored before
        assertThat(inboxRows("it-admission-1")).isOne();
        assertThat(sendHl7(admission("it-admission-2", "9990000042")).get("/MSA-1")).isEqualTo("AA");
    }

    /**
     * The README's walkthrough through clients generated from the committed OpenAPI documents (see
     * {@link GeneratedClients}); the next test checks that those are the documents the services serve.
     */
    @Test
    @Order(8)
    void theReadmeWalkthroughRunsThroughClientsGeneratedFromTheOpenApiDocuments() throws Exception {
        publishDefaultFramework();
        GeneratedClients.Walked walked = GeneratedClients.walk(GeneratedClients.Urls.of(stack), keys);

        assertThat(walked.score()).isEqualByComparingTo("16");
        assertThat(walked.timelineTypes()).contains("org.heard.case.PersonRegistered.v1",
                "org.heard.case.ReferralReceived.v1", "org.heard.case.ReferralAccepted.v1",
                "org.heard.case.AdvocateAssigned.v1", "org.heard.outcome.AssessmentCompleted.v1",
                "org.heard.outcome.OutcomeRecorded.v1");
        assertThat(walked.referralsByType()).extracting(row -> row.getGroup().get("advocacyType"))
                .contains("IMHA");
    }

    @Test
    @Order(9)
    void theCommittedOpenApiDocumentsAreTheOnesTheServicesServe() throws Exception {
        assertThat(GeneratedClients.driftFromLiveDocuments(GeneratedClients.Urls.of(stack))).isEmpty();
    }
}
