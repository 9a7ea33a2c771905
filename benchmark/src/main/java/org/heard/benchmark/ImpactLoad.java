package org.heard.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.heard.contracts.EventCatalogue;
import org.heard.contracts.EventType;
import org.heard.contracts.Topic;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventJson;
import org.heard.deploy.LocalKeys;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The impact views' speed targets, against a running local stack ({@code ./heard up} in another terminal):
 * <ol>
 * <li><b>rebuild</b>: produces {@code people × eventsPerPerson} synthetic events straight to Kafka (keyed by person,
 * spread over a year), waits for the live projections to take them, then measures in one run the raw rate of
 * consuming and parsing every record from offset zero without projecting, and the rate of a full rebuild of every
 * projection (started and watched through the operations endpoint);</li>
 * <li><b>freshness</b>: a steady {@code rate} events/s of new events stamped with the time they are produced, for
 * {@code seconds}; the p99 of "event time to committed in the projection" is read from reporting-service's own
 * histogram ({@code heard_reporting_projection_delay_seconds}, buckets diffed over the run);</li>
 * <li><b>query</b>: grows the population to {@code queryPeople} people, then times cohort-impact requests over HTTP
 * (p50/p95 of 200 after 20 warm-up).</li>
 * </ol>
 * {@code ./heard bench impact [people] [eventsPerPerson] [queryPeople] [rate] [seconds]} (defaults 20000 50 100000
 * 500 60); {@code ./heard bench impact query [people]} adds that many people (8 events each) and times the cohort queries. Events are built from the contract's golden samples with fresh ids; no personal data in clear.
 */
public final class ImpactLoad {

    private static final String[] ETHNIC = {"A", "B", "C", "D", "H", "J", "M", "N", "P", "R", "S", "Z"};
    private static final String[] AGE = {"16-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"};
    private static final String[] GENDER = {"WOMAN", "MAN", "NON_BINARY", "NOT_STATED"};
    private static final String[] TYPE = {"IMHA", "IMHA", "IMHA", "COMMUNITY", "CAMHS"};
    private static final String[] TIMEPOINT = {"BASELINE", "REVIEW", "CLOSURE", "FOLLOW_UP"};

    private final Map<String, ObjectNode> templates = new HashMap<>();
    private final Random random = new Random(7);
    private final String bootstrap;
    private final String reporting;
    private final String operationsToken;
    private final String analystToken;
    private final HttpClient http = HttpClient.newHttpClient();

    private ImpactLoad() throws IOException, java.security.GeneralSecurityException {
        bootstrap = System.getenv().getOrDefault("HEARD_KAFKA_BOOTSTRAP",
                "localhost:" + System.getenv().getOrDefault("HEARD_KAFKA_PORT", "9092"));
        reporting = System.getenv().getOrDefault("HEARD_REPORTING_URL",
                "http://localhost:" + System.getenv().getOrDefault("HEARD_REPORTING_PORT", "8083"));
        LocalKeys keys = new LocalKeys(Path.of(System.getenv().getOrDefault("HEARD_HOME", ".heard")));
        operationsToken = keys.token("operations", "bench-operations", null, Duration.ofHours(3));
        analystToken = keys.token("analyst", "bench-analyst", null, Duration.ofHours(3));
        for (EventType<?> type : EventCatalogue.all()) {
            try (InputStream in = EventCatalogue.class.getResourceAsStream("/contracts/samples/" + type.type() + ".json")) {
                if (in != null) {
                    templates.put(type.type(), (ObjectNode) EventJson.mapper().readTree(in.readAllBytes()));
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("query")) {
            // only the query phase: add this many people first (8 events each), then time the queries
            new ImpactLoad().query(0, arg(args, 1, 0));
            return;
        }
        int people = arg(args, 0, 20_000);
        int perPerson = arg(args, 1, 50);
        int queryPeople = arg(args, 2, 100_000);
        int rate = arg(args, 3, 500);
        int seconds = arg(args, 4, 60);
        ImpactLoad load = new ImpactLoad();
        load.rebuild(people, perPerson);
        load.freshness(rate, seconds);
        load.query(people, queryPeople);
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    // ---------------------------------------------------------------------------------------------------- rebuild

    private void rebuild(int people, int perPerson) throws Exception {
        long started = System.nanoTime();
        long produced = produce(people, perPerson, 0);
        double produceSeconds = seconds(started);
        System.out.printf("produced %,d events for %,d people in %.1f s (%,.0f events/s)%n", produced, people,
                produceSeconds, produced / produceSeconds);
        started = System.nanoTime();
        waitForLiveProjections();
        System.out.printf("live projections caught up %.1f s after the last event was produced%n", seconds(started));

        started = System.nanoTime();
        long raw = consumeRaw();
        double rawSeconds = seconds(started);
        double rawRate = raw / rawSeconds;
        System.out.printf("raw consume + parse from offset zero: %,d records in %.1f s = %,.0f records/s%n", raw,
                rawSeconds, rawRate);

        HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(reporting + "/api/operations/projections/rebuild"))
                .POST(HttpRequest.BodyPublishers.noBody()), operationsToken);
        if (start.statusCode() != 202) {
            throw new IllegalStateException("rebuild not started: " + start.statusCode() + " " + start.body());
        }
        String status;
        do {
            Thread.sleep(2000);
            status = send(HttpRequest.newBuilder(URI.create(reporting + "/api/operations/projections")).GET(),
                    operationsToken).body();
            System.out.println("  " + field(status, "state") + " " + field(status, "percent") + "% "
                    + field(status, "records") + " records, " + field(status, "recordsPerSecond") + " records/s");
        } while (status.contains("\"RUNNING\""));
        if (!status.contains("\"SWITCHED\"")) {
            throw new IllegalStateException("rebuild did not finish: " + status);
        }
        double rebuildRate = Double.parseDouble(field(status, "recordsPerSecond"));
        System.out.printf("REBUILD: %,.0f records/s (all projections, start to switch); raw %,.0f records/s;"
                + " ratio %.2f (targets: >= 50,000/s and >= 0.5)%n", rebuildRate, rawRate, rebuildRate / rawRate);
    }

    /** Produces events for people numbered from {@code first}; returns how many. */
    private long produce(int people, int perPerson, int first) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            long count = 0;
            // Interleave people as live traffic does: rounds of one event each, person by person.
            List<List<EventEnvelope>> perPersonEvents = new ArrayList<>();
            int chunk = 2000;
            for (int from = 0; from < people; from += chunk) {
                perPersonEvents.clear();
                for (int p = from; p < Math.min(people, from + chunk); p++) {
                    perPersonEvents.add(personEvents(first + p, perPerson, null));
                }
                for (int round = 0; round < perPerson; round++) {
                    for (List<EventEnvelope> events : perPersonEvents) {
                        if (round < events.size()) {
                            EventEnvelope event = events.get(round);
                            producer.send(EnvelopeCodec.toRecord(EventCatalogue.byType(event.type()).orElseThrow()
                                    .topic(), event));
                            count++;
                        }
                    }
                }
            }
            producer.flush();
            return count;
        }
    }

    /**
     * One person's events: registration, a referral worked through (acceptance, legal status, advocate, first contact,
     * issues raised and resolved, forums and involvement, closure), assessments at the four timepoints, outcomes from
     * both perspectives, goals. With {@code now} set, every event is stamped now (for freshness).
     */
    private List<EventEnvelope> personEvents(int n, int count, OffsetDateTime now) {
        String person = uuid("person", n);
        String caseId = uuid("case", n);
        LocalDate referred = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(365));
        List<EventEnvelope> events = new ArrayList<>();
        long[] caseSequence = {0};
        ObjectNode registered = template("org.heard.case.PersonRegistered.v1");
        registered.put("personId", person);
        ObjectNode equality = (ObjectNode) registered.get("equality");
        if (equality != null) {
            equality.put("ethnicCategory", ETHNIC[random.nextInt(ETHNIC.length)]);
            equality.put("ageBand", AGE[random.nextInt(AGE.length)]);
            equality.put("gender", GENDER[random.nextInt(GENDER.length)]);
        }
        events.add(envelope(registered, person, "Person", person, 0, referred, now));
        ObjectNode referral = template("org.heard.case.ReferralReceived.v1");
        referral.put("caseId", caseId).put("personId", person).put("referredOn", referred.toString())
                .put("advocacyType", TYPE[random.nextInt(TYPE.length)]);
        events.add(caseEvent(referral, person, caseId, caseSequence, referred, now));
        for (String type : List.of("ReferralAccepted", "LegalStatusRecorded", "AdvocateAssigned", "FirstContactMade")) {
            ObjectNode event = template("org.heard.case." + type + ".v1");
            event.put("caseId", caseId).put("personId", person);
            events.add(caseEvent(event, person, caseId, caseSequence, referred.plusDays(1 + caseSequence[0]), now));
        }
        int day = 7;
        int i = 0;
        while (events.size() < count) {
            LocalDate on = referred.plusDays(day);
            day += 7;
            switch (i++ % 6) {
                case 0 -> {
                    String issue = uuid("issue-" + n, i);
                    ObjectNode raised = template("org.heard.case.IssueRaised.v1");
                    raised.put("caseId", caseId).put("personId", person).put("issueId", issue);
                    events.add(caseEvent(raised, person, caseId, caseSequence, on, now));
                    ObjectNode resolved = template("org.heard.case.IssueResolved.v1");
                    resolved.put("caseId", caseId).put("personId", person).put("issueId", issue)
                            .put("resolution", random.nextBoolean() ? "ACHIEVED" : "NOT_ACHIEVED");
                    events.add(caseEvent(resolved, person, caseId, caseSequence, on.plusDays(3), now));
                }
                case 1, 2 -> {
                    String forum = uuid("forum-" + n, i);
                    ObjectNode scheduled = template("org.heard.involvement.ForumScheduled.v1");
                    scheduled.put("caseId", caseId).put("personId", person).put("forumId", forum);
                    events.add(caseEvent(scheduled, person, caseId, caseSequence, on, now));
                    ObjectNode involvement = template("org.heard.involvement.InvolvementRecorded.v1");
                    involvement.put("caseId", caseId).put("personId", person).put("forumId", forum)
                            .put("involvementId", uuid("involvement-" + n, i))
                            .put("participation", random.nextInt(4) == 0 ? "NOT_INVOLVED" : "SPOKE_FOR_THEMSELVES_WITH_SUPPORT")
                            .put("viewsTakenIntoAccount", random.nextBoolean() ? "YES" : "NO");
                    events.add(caseEvent(involvement, person, caseId, caseSequence, on.plusDays(1), now));
                }
                case 3 -> {
                    ObjectNode assessment = template("org.heard.outcome.AssessmentCompleted.v1");
                    String id = uuid("assessment-" + n, i);
                    assessment.put("assessmentId", id).put("personId", person).put("caseId", caseId)
                            .put("timepoint", TIMEPOINT[Math.min(3, i / 6)]).put("completedOn", on.toString())
                            .put("score", 10 + random.nextInt(15));
                    events.add(envelope(assessment, person, "Assessment", id, 0, on, now));
                }
                case 4 -> {
                    ObjectNode outcome = template("org.heard.outcome.OutcomeRecorded.v1");
                    String id = uuid("outcome-" + n, i);
                    outcome.put("outcomeId", id).put("personId", person).put("caseId", caseId)
                            .put("perspective", random.nextBoolean() ? "SERVICE_USER" : "ADVOCATE");
                    events.add(envelope(outcome, person, "OutcomeRecord", id, 0, on, now));
                }
                default -> {
                    ObjectNode goal = template("org.heard.outcome.GoalSet.v1");
                    String id = uuid("goal-" + n, i);
                    goal.put("goalId", id).put("personId", person).put("caseId", caseId);
                    events.add(envelope(goal, person, "PersonalGoal", id, 0, on, now));
                }
            }
        }
        return events.subList(0, Math.min(count, events.size()));
    }

    private EventEnvelope caseEvent(ObjectNode data, String person, String caseId, long[] sequence, LocalDate on,
                                    OffsetDateTime now) {
        return envelope(data, person, "AdvocacyCase", caseId, sequence[0]++, on, now);
    }

    private EventEnvelope envelope(ObjectNode data, String person, String aggregateType, String aggregateId,
                                   long sequence, LocalDate on, OffsetDateTime now) {
        String type = typeOf(data);
        OffsetDateTime time = now != null ? now : on.atTime(9, random.nextInt(60)).atOffset(ZoneOffset.UTC);
        return new EventEnvelope(UUID.randomUUID().toString(), URI.create("/heard/benchmark"), type,
                aggregateType + "/" + aggregateId, time, person, aggregateId, sequence, "bench",
                data.toString().getBytes(StandardCharsets.UTF_8));
    }

    private final Map<ObjectNode, String> typeOfTemplate = new java.util.IdentityHashMap<>();

    private ObjectNode template(String type) {
        ObjectNode template = templates.get(type);
        if (template == null) {
            throw new IllegalStateException("no golden sample for " + type);
        }
        ObjectNode copy = template.deepCopy();
        typeOfTemplate.put(copy, type);
        return copy;
    }

    private String typeOf(ObjectNode data) {
        return typeOfTemplate.remove(data);
    }

    private static String uuid(String kind, int n) {
        return UUID.nameUUIDFromBytes((kind + "/" + n).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : Topic.eventTopics()) {
            consumer.partitionsFor(topic.topicName()).forEach(info ->
                    partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        return partitions;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Waits until reporting-service's consumer group has committed up to the end of every event topic. */
    private void waitForLiveProjections() throws Exception {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config); KafkaConsumer<String, byte[]> probe = consumer()) {
            List<TopicPartition> partitions = partitions(probe);
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                        System.getenv().getOrDefault("HEARD_REPORTING_GROUP", "heard-reporting"))
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, Long> ends = probe.endOffsets(partitions);
                long lag = 0;
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata offset = committed.get(partition);
                    lag += ends.get(partition) - (offset == null ? 0 : offset.offset());
                }
                if (lag == 0) {
                    return;
                }
                System.out.printf("  live projections: %,d records behind%n", lag);
                Thread.sleep(5000);
            }
        }
    }

    /** Every record of the event topics from offset zero, read and parsed (envelope and JSON data), not projected. */
    private long consumeRaw() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long count = 0;
            long checksum = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        EventEnvelope envelope = EnvelopeCodec.fromRecord(record);
                        JsonNode data = EventJson.mapper().readTree(envelope.data());
                        checksum += data.size();
                    } catch (RuntimeException e) {
                        checksum--;
                    }
                    count++;
                }
            }
            if (checksum == Long.MIN_VALUE) {
                System.out.println(checksum);
            }
            return count;
        }
    }

    // -------------------------------------------------------------------------------------------------- freshness

    private void freshness(int rate, int seconds) throws Exception {
        Map<Double, Double> before = buckets();
        int person = 5_000_000;
        long sent = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            List<EventEnvelope> pending = new ArrayList<>();
            while (seconds(start) < seconds) {
                long due = (long) (seconds(start) * rate);
                while (sent < due) {
                    if (pending.isEmpty()) {
                        pending.addAll(personEvents(person++, 10, null));
                    }
                    EventEnvelope e = pending.remove(0);
                    EventEnvelope stamped = new EventEnvelope(e.id(), e.source(), e.type(), e.subject(),
                            OffsetDateTime.now(ZoneOffset.UTC), e.personId(), e.aggregateId(), e.sequence(),
                            e.correlationId(), e.data());
                    producer.send(EnvelopeCodec.toRecord(EventCatalogue.byType(e.type()).orElseThrow().topic(),
                            stamped));
                    sent++;
                }
                Thread.sleep(2);
            }
            producer.flush();
        }
        waitForLiveProjections();
        Map<Double, Double> after = buckets();
        List<Double> bounds = new ArrayList<>(after.keySet());
        bounds.sort(Double::compare);
        double total = after.getOrDefault(Double.POSITIVE_INFINITY, 0.0)
                - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        String[] quantiles = new String[3];
        double[] qs = {0.5, 0.95, 0.99};
        for (int q = 0; q < qs.length; q++) {
            for (double bound : bounds) {
                double count = after.get(bound) - before.getOrDefault(bound, 0.0);
                if (count >= qs[q] * total) {
                    quantiles[q] = bound == Double.POSITIVE_INFINITY ? "+Inf" : String.format("%.3f s", bound);
                    break;
                }
            }
        }
        System.out.printf("FRESHNESS at %d events/s for %d s (%,d events): p50 <= %s, p95 <= %s, p99 <= %s"
                + " (histogram bucket bounds; target p99 <= 1 s)%n", rate, seconds, sent, quantiles[0], quantiles[1],
                quantiles[2]);
    }

    private static final Pattern BUCKET = Pattern.compile(
            "heard_reporting_projection_delay_seconds_bucket\\{le=\"([^\"]+)\"[^}]*} ([0-9.eE+]+)");

    /** The projection-delay histogram's cumulative bucket counts, by upper bound in seconds. */
    private Map<Double, Double> buckets() throws Exception {
        String metrics = send(HttpRequest.newBuilder(URI.create(reporting + "/actuator/prometheus")).GET(),
                operationsToken).body();
        Map<Double, Double> buckets = new HashMap<>();
        Matcher m = BUCKET.matcher(metrics);
        while (m.find()) {
            double bound = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            buckets.put(bound, Double.parseDouble(m.group(2)));
        }
        return buckets;
    }

    // ------------------------------------------------------------------------------------------------------ query

    private void query(int existing, int queryPeople) throws Exception {
        int more = Math.max(0, queryPeople - existing);
        if (more > 0) {
            long started = System.nanoTime();
            long produced = produce(more, 8, 1_000_000);
            waitForLiveProjections();
            System.out.printf("added %,d people (%,d events) in %.1f s%n", more, produced, seconds(started));
        }
        String status = send(HttpRequest.newBuilder(URI.create(reporting + "/api/operations/projections")).GET(),
                operationsToken).body();
        System.out.println("profiles indexed: " + field(status, "profilesIndexed"));
        List<String> queries = List.of("groupBy=advocacyType", "groupBy=advocacyType,ethnicGroup",
                "groupBy=ethnicGroup,ageBand,gender", "advocacyType=IMHA&groupBy=legalStatusGroup,quarter");
        for (String query : queries) {
            long[] times = new long[200];
            for (int i = -20; i < times.length; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(reporting + "/api/impact/cohorts?" + query)).GET(), analystToken);
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(response.statusCode() + " " + response.body());
                }
                if (i >= 0) {
                    times[i] = System.nanoTime() - start;
                }
            }
            Arrays.sort(times);
            System.out.printf("QUERY cohorts?%s over %s profiles: p50 %.1f ms, p95 %.1f ms (target p95 <= 100 ms)%n",
                    query, field(status, "profilesIndexed"), times[100] / 1e6, times[189] / 1e6);
        }
    }

    // ------------------------------------------------------------------------------------------------------ misc

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^,\"}]*)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
