package org.heard.chaos;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.heard.chaos.Checks.KafkaResult;
import org.heard.chaos.Checks.StoreResult;
import org.heard.deploy.LocalKeys;

/**
 * {@code ./heard chaos [rounds] [clients] [seed] [faults]}: the fault suite. A local stack runs as its own launcher process;
 * clients act as advocates through the public APIs; in every round, at a random point of the load, one fault: a
 * service killed (-9), the broker killed (-9) or bounced (SIGTERM), or everything killed at once (the launcher and
 * its watchdog, every child, the postmaster and its backends — then a fresh launcher). Once quiet, each round checks
 * (a) every command answered 2xx is in the event store exactly once, (b) every stored event of a published type
 * reached Kafka and every event on Kafka is stored, (c) the live projections equal a clean rebuild, and that every
 * command was answered 2xx in the end. Exit status 0 only if every check of every round passed.
 */
public final class ChaosDrill {

    /** What a round does to the stack. */
    public enum Fault { SERVICE, BROKER_KILL, BROKER_BOUNCE, EVERYTHING }

    /**
     * @param plan     the faults of the rounds in order, or empty for a random fault per round
     * @param patience how long a client retries a key answered 409 "in progress" before it gives up
     */
    public record Options(Path repo, int rounds, int clients, long seed, List<Fault> plan, Duration patience) {
    }

    /** One round's figures. */
    public record Round(int number, Fault fault, String detail, Duration recovery, long sent, long acknowledged,
                        Map<String, Integer> unanswered, StoreResult store, KafkaResult kafka,
                        ProjectionCheck.Result projections, String failure, Duration took) {

        boolean passed() {
            return failure == null && unanswered.isEmpty() && store.missingCount() == 0
                    && store.duplicateCount() == 0 && kafka.notOnKafka() == 0 && kafka.notInStore() == 0
                    && projections.equal();
        }
    }

    /** The whole drill. */
    public record Report(List<Round> rounds, long sent, long acknowledged, Map<String, Integer> unanswered,
                         String aborted, Duration took) {

        public boolean passed() {
            return aborted == null && rounds.stream().allMatch(Round::passed);
        }

        /** Every check that failed, one line each, for a test's message. */
        public List<String> failures() {
            List<String> failures = new ArrayList<>();
            if (aborted != null) {
                failures.add("aborted: " + aborted);
            }
            for (Round round : rounds) {
                if (!round.passed()) {
                    failures.add("round " + round.number() + " (" + round.fault() + "): " + ChaosDrill.verdict(round));
                }
            }
            return failures;
        }
    }

    private static final String PREFIX = String.format("%-10s| ", "chaos");

    private final Options options;
    private final PrintStream out;
    private final Random random;

    public ChaosDrill(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.random = new Random(options.seed());
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : new Random().nextLong();
        // e.g. EVERYTHING or SERVICE,BROKER_KILL: the faults in turn instead of a random one per round
        List<Fault> plan = args.length > 3 ? Stream.of(args[3].split(",")).map(String::trim).map(Fault::valueOf)
                .toList() : List.of();
        Path repo = Path.of(System.getProperty("heard.repo", ".")).toAbsolutePath().normalize();
        Report report = new ChaosDrill(new Options(repo, rounds, clients, seed, plan, Duration.ofSeconds(60)),
                System.out).run();
        System.exit(report.passed() ? 0 : 1);
    }

    private void say(String line) {
        out.println(PREFIX + line);
        out.flush();
    }

    public Report run() throws Exception {
        long started = System.nanoTime();
        Path home = Files.createTempDirectory("heard-chaos-");
        say("seed " + options.seed() + "; " + options.rounds() + " rounds, " + options.clients()
                + " clients; stack home " + home);
        Ledger ledger = new Ledger();
        List<Round> rounds = new ArrayList<>();
        String aborted = null;
        try (StackUnderTest stack = new StackUnderTest(options.repo(), home)) {
            stack.start();
            LocalKeys keys = new LocalKeys(home);
            List<String> tokens = new ArrayList<>();
            for (int c = 1; c <= options.clients(); c++) {
                tokens.add(keys.token("advocate", "chaos-advocate-" + c, null, Duration.ofHours(12)));
            }
            Advocates advocates = new Advocates(stack, ledger, tokens, options.patience(), options.seed());
            advocates.publishDefaultFramework(
                    keys.token("service-user-panel", "chaos-panel", null, Duration.ofHours(12)));
            warmUp(advocates, ledger);
            ProjectionCheck projections = new ProjectionCheck(stack,
                    keys.token("operations", "chaos-operations", null, Duration.ofHours(12)));
            for (int number = 1; number <= options.rounds(); number++) {
                Round round = round(number, stack, advocates, ledger, projections);
                rounds.add(round);
                say(describe(round, ledger));
                if (round.failure() != null && round.failure().startsWith("the stack")) {
                    aborted = round.failure();
                    break;
                }
            }
        } catch (IllegalStateException e) {
            aborted = e.getMessage();
        }
        Report report = new Report(rounds, ledger.all().size(), ledger.acknowledged(), ledger.unanswered(), aborted,
                Duration.ofNanos(System.nanoTime() - started));
        summarise(report, home);
        return report;
    }

    /**
     * Load until every client has had a few commands answered, so that the first fault does not find a cold stack
     * still answering its first requests (these commands are checked like any other, as round 0).
     */
    private void warmUp(Advocates advocates, Ledger ledger) throws InterruptedException {
        long started = System.nanoTime();
        advocates.start(0);
        long deadline = started + Duration.ofMinutes(2).toNanos();
        while (ledger.acknowledged() < 5L * options.clients() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        advocates.stop();
        say(String.format("warmed up: %d commands acknowledged in %.1f s", ledger.acknowledged(),
                (System.nanoTime() - started) / 1e9));
    }

    private Fault nextFault(int number) {
        if (!options.plan().isEmpty()) {
            return options.plan().get((number - 1) % options.plan().size());
        }
        return Fault.values()[random.nextInt(Fault.values().length)];
    }

    private Round round(int number, StackUnderTest stack, Advocates advocates, Ledger ledger,
                        ProjectionCheck projections) throws Exception {
        long started = System.nanoTime();
        Fault fault = nextFault(number);
        advocates.start(number);
        long loadBefore = 2000 + random.nextInt(4000);
        Thread.sleep(loadBefore); // load for a random while: the fault comes at a random point of it
        String detail;
        Duration recovery;
        try {
            long faultAt = System.nanoTime();
            switch (fault) {
                case SERVICE -> {
                    String service = StackUnderTest.SERVICES.get(random.nextInt(StackUnderTest.SERVICES.size()));
                    long pid = stack.kill(service);
                    detail = service + "-service killed";
                    recovery = stack.awaitRecovered(Optional.of(pid), service);
                }
                case BROKER_KILL -> {
                    long pid = stack.kill("kafka");
                    detail = "Kafka killed";
                    recovery = stack.awaitRecovered(Optional.of(pid), "kafka");
                }
                case BROKER_BOUNCE -> {
                    long pid = stack.bounceBroker();
                    detail = "Kafka bounced";
                    recovery = stack.awaitRecovered(Optional.of(pid), "kafka");
                }
                default -> {
                    int killed = stack.killEverything();
                    detail = "all " + killed + " processes killed";
                    stack.start();
                    recovery = Duration.ofNanos(System.nanoTime() - faultAt);
                }
            }
            detail = String.format("%s after %.1f s of load", detail, loadBefore / 1000.0);
            Thread.sleep(1000 + random.nextInt(2000)); // and load on the repaired stack
        } catch (IllegalStateException e) {
            advocates.abandon();
            return failedRound(number, fault, ledger, "the stack did not come back: " + e.getMessage(), started);
        }
        advocates.stop();

        // quiet: every stored event published, the reporting consumer caught up with the end of every topic
        EventStore store = new EventStore(stack);
        KafkaLog kafka = new KafkaLog(stack);
        List<EventStore.StoredEvent> events = store.readAll();
        KafkaResult published = awaitPublished(events, kafka);
        StoreResult exactlyOnce = Checks.exactlyOnce(ledger.all(), events);
        ProjectionCheck.Result compared;
        long lag = awaitReportingCaughtUp(kafka);
        if (lag > 0) {
            compared = new ProjectionCheck.Result(0, 0, List.of(), "reporting-service did not catch up (" + lag
                    + " records behind after 3 min)");
        } else {
            compared = projections.run();
        }
        return new Round(number, fault, detail, recovery, ledger.sentIn(number), ledger.acknowledgedIn(number),
                ledger.unansweredIn(number), exactlyOnce, published, compared, null,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private Round failedRound(int number, Fault fault, Ledger ledger, String failure, long started) {
        return new Round(number, fault, "", Duration.ZERO, ledger.sentIn(number), ledger.acknowledgedIn(number),
                ledger.unansweredIn(number), new StoreResult(0, Map.of(), Map.of()),
                new KafkaResult(0, 0, 0, 0, 0), new ProjectionCheck.Result(0, 0, List.of(), null), failure,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Reads Kafka until every stored event of a published type is there, or nothing new arrived for 2 min. */
    private static KafkaResult awaitPublished(List<EventStore.StoredEvent> events, KafkaLog kafka) throws Exception {
        KafkaResult result = Checks.published(events, kafka.eventIds());
        long lastProgress = System.nanoTime();
        while (result.notOnKafka() > 0 && System.nanoTime() - lastProgress < Duration.ofMinutes(2).toNanos()) {
            Thread.sleep(1000);
            KafkaResult next = Checks.published(events, kafka.eventIds());
            if (next.notOnKafka() < result.notOnKafka()) {
                lastProgress = System.nanoTime();
            }
            result = next;
        }
        return result;
    }

    private static long awaitReportingCaughtUp(KafkaLog kafka) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long lag = kafka.reportingLag();
        while (lag > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            lag = kafka.reportingLag();
        }
        return lag;
    }

    static String verdict(Round round) {
        List<String> problems = new ArrayList<>();
        if (round.failure() != null) {
            problems.add(round.failure());
        }
        if (!round.unanswered().isEmpty()) {
            problems.add("never answered 2xx: " + round.unanswered());
        }
        if (round.store().missingCount() > 0) {
            problems.add("acknowledged but not stored: " + round.store().missing());
        }
        if (round.store().duplicateCount() > 0) {
            problems.add("stored more than once: " + round.store().duplicates());
        }
        if (round.kafka().notOnKafka() > 0) {
            problems.add(round.kafka().notOnKafka() + " stored events not on Kafka");
        }
        if (round.kafka().notInStore() > 0) {
            problems.add(round.kafka().notInStore() + " events on Kafka not in the event store");
        }
        if (round.projections().failure() != null) {
            problems.add(round.projections().failure());
        } else if (!round.projections().differences().isEmpty()) {
            problems.add("live projections differ from a rebuild: " + round.projections().differences().stream()
                    .map(d -> String.format("%s %d only live, %d only rebuilt, %d differ (e.g. %s)", d.collection(),
                            d.onlyLive(), d.onlyRebuilt(), d.differing(), String.join("; ", d.examples())))
                    .collect(Collectors.joining(", ")));
        }
        return problems.isEmpty() ? "passed" : String.join("; ", problems);
    }

    private String describe(Round round, Ledger ledger) {
        return String.format("round %d/%d %s: %s, back in %.1f s | %d of %d commands acknowledged (%d in all) |"
                        + " store: %d missing, %d duplicates | Kafka: %d of %d published, %d not in store, %d"
                        + " redelivered | projections: %d live vs %d rebuilt documents, %d differ | %.0f s | %s",
                round.number(), options.rounds(), round.fault(), round.detail(), round.recovery().toMillis() / 1000.0,
                round.acknowledged(), round.sent(), ledger.acknowledged(), round.store().missingCount(),
                round.store().duplicateCount(), round.kafka().storedPublished() - round.kafka().notOnKafka(),
                round.kafka().storedPublished(), round.kafka().notInStore(), round.kafka().redelivered(),
                round.projections().liveDocuments(), round.projections().rebuiltDocuments(),
                round.projections().mismatchedDocuments(), round.took().toMillis() / 1000.0,
                round.passed() ? "PASSED" : "FAILED: " + verdict(round));
    }

    private void summarise(Report report, Path home) {
        Map<Fault, Long> faults = new EnumMap<>(Fault.class);
        Map<String, Long> victims = new TreeMap<>();
        for (Round round : report.rounds()) {
            faults.merge(round.fault(), 1L, Long::sum);
            if (round.fault() == Fault.SERVICE) {
                victims.merge(round.detail().replaceAll(" .*", ""), 1L, Long::sum);
            }
        }
        long failedRounds = report.rounds().stream().filter(r -> !r.passed()).count();
        say(String.format("%d rounds in %.1f min; faults: %s%s", report.rounds().size(),
                report.took().toSeconds() / 60.0, faults, victims.isEmpty() ? "" : " (services " + victims + ")"));
        say(String.format("commands: %d sent, %d acknowledged, %d never answered 2xx %s", report.sent(),
                report.acknowledged(), report.unanswered().values().stream().mapToInt(Integer::intValue).sum(),
                report.unanswered()));
        say(String.format("(a) acknowledged but not in the event store: %d rounds, %d commands; stored more than"
                        + " once: %d rounds, %d events",
                count(report, r -> r.store().missingCount() > 0), sum(report, r -> r.store().missingCount()),
                count(report, r -> r.store().duplicateCount() > 0), sum(report, r -> r.store().duplicateCount())));
        Round last = report.rounds().isEmpty() ? null : report.rounds().get(report.rounds().size() - 1);
        say(String.format("(b) rounds with stored events not on Kafka: %d; with events on Kafka not in the store: %d"
                        + " (last round: %d of %d stored published events on Kafka, %d not stored)",
                count(report, r -> r.kafka().notOnKafka() > 0), count(report, r -> r.kafka().notInStore() > 0),
                last == null ? 0 : last.kafka().storedPublished() - last.kafka().notOnKafka(),
                last == null ? 0 : last.kafka().storedPublished(), last == null ? 0 : last.kafka().notInStore()));
        String projectionFailure = report.rounds().stream().map(r -> r.projections().failure())
                .filter(java.util.Objects::nonNull).findFirst().map(f -> "; e.g. " + f).orElse("");
        say(String.format("(c) rounds whose live projections differ from a clean rebuild: %d (%d documents in all)%s",
                count(report, r -> !r.projections().equal()), sum(report, r -> r.projections().mismatchedDocuments()),
                projectionFailure));
        if (report.aborted() != null) {
            say("ABORTED: " + report.aborted());
        }
        say(report.passed() ? String.format("PASSED: %d rounds", report.rounds().size())
                : String.format("FAILED: %d of %d rounds; the stack's home (logs, data) is kept in %s", failedRounds,
                        report.rounds().size(), home));
        if (report.passed()) {
            delete(home);
        }
    }

    private static long count(Report report, java.util.function.Predicate<Round> predicate) {
        return report.rounds().stream().filter(predicate).count();
    }

    private static long sum(Report report, java.util.function.ToIntFunction<Round> figure) {
        return report.rounds().stream().mapToLong(figure::applyAsInt).sum();
    }

    private static void delete(Path home) {
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary folder
        }
    }
}
