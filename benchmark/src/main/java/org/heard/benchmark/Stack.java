package org.heard.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.heard.deploy.LocalKeys;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running local stack as the benchmarks see it, from the same environment {@code ./heard up} reads
 * ({@code HEARD_HOME}, {@code HEARD_*_PORT}, or {@code HEARD_*_URL} for services elsewhere): its URLs, development
 * tokens minted from its keys, case-service's outbox read from PostgreSQL, reporting-service's stream status, and the
 * pid files of its processes.
 */
final class Stack {

    /** The Axon processor whose token is the outbox's read position (KafkaEventPublisher.PROCESSING_GROUP). */
    static final String PUBLISHER = "kafka-publisher";
    /** What the launcher puts on the command line of every JVM it starts (RunDirectory.MARKER). */
    static final String MARKER = "-Dlocal-stack.home=";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern TOKEN_INDEX = Pattern.compile("\"(?:index|globalIndex)\"\\s*:\\s*(\\d+)");

    final Path home;
    final String caseUrl;
    final String reportingUrl;
    final String caseDb;
    final String gatewayDb;
    final String mllpHost;
    final int mllpPort;
    final String dbUser;
    final String dbPassword;
    private final LocalKeys keys;
    final String operationsToken;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    Stack(Map<String, String> env) throws IOException, GeneralSecurityException {
        home = Path.of(env.getOrDefault("HEARD_HOME", ".heard")).toAbsolutePath().normalize();
        caseUrl = env.getOrDefault("HEARD_CASE_URL", "http://localhost:" + env.getOrDefault("HEARD_CASE_PORT", "8081"));
        reportingUrl = env.getOrDefault("HEARD_REPORTING_URL",
                "http://localhost:" + env.getOrDefault("HEARD_REPORTING_PORT", "8083"));
        caseDb = env.getOrDefault("HEARD_CASE_DB_URL",
                "jdbc:postgresql://127.0.0.1:" + env.getOrDefault("HEARD_POSTGRES_PORT", "5433") + "/heard_case");
        gatewayDb = env.getOrDefault("HEARD_GATEWAY_DB_URL",
                "jdbc:postgresql://127.0.0.1:" + env.getOrDefault("HEARD_POSTGRES_PORT", "5433") + "/heard_gateway");
        mllpHost = env.getOrDefault("HEARD_MLLP_HOST", "127.0.0.1");
        mllpPort = Integer.parseInt(env.getOrDefault("HEARD_MLLP_PORT", "2575"));
        dbUser = env.getOrDefault("HEARD_POSTGRES_USER", "postgres");
        dbPassword = env.getOrDefault("HEARD_POSTGRES_PASSWORD", "postgres");
        keys = new LocalKeys(home);
        if (!Files.exists(home.resolve("keys/jwt-private.pem"))) {
            throw new IllegalStateException("no local token issuer in " + home + ": is the stack running"
                    + " (./heard up), and HEARD_HOME the same as its?");
        }
        operationsToken = keys.token("operations", "bench-operations", null, Duration.ofHours(6));
    }

    String token(String role, String subject, String personId) {
        try {
            return keys.token(role, subject, personId, Duration.ofHours(6));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not mint a development token", e);
        }
    }

    /** Where the figures were measured, for the JSON. */
    Map<String, Object> context() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("home", home.toString());
        context.put("caseUrl", caseUrl);
        context.put("reportingUrl", reportingUrl);
        context.put("mllp", mllpHost + ":" + mllpPort);
        context.put("processors", Runtime.getRuntime().availableProcessors());
        context.put("java", System.getProperty("java.version"));
        try {
            context.put("loadAverage", Files.readString(Path.of("/proc/loadavg")).trim());
        } catch (IOException ignored) {
            // not Linux
        }
        return context;
    }

    // ----------------------------------------------------------------------------------------------------- outbox

    /** How far case-service's event store (the outbox) is written and how far its publisher has read it. */
    record Outbox(long head, long published) {
        long backlog() {
            return Math.max(0, head - published);
        }
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection(caseDb, dbUser, dbPassword);
    }

    /**
     * The highest global index stored, and the global index the publisher's token has passed (Axon's gap-aware token
     * is JSON here: {@code {"index":…,"gaps":[…]}}); -1 while it has no token yet.
     */
    Outbox outbox(Connection connection) throws SQLException {
        long head;
        try (PreparedStatement max = connection.prepareStatement(
                "select coalesce(max(global_index), -1) from domain_event_entry");
             ResultSet rows = max.executeQuery()) {
            rows.next();
            head = rows.getLong(1);
        }
        long published = -1;
        try (PreparedStatement token = connection.prepareStatement(
                "select token from token_entry where processor_name = ?")) {
            token.setString(1, PUBLISHER);
            try (ResultSet rows = token.executeQuery()) {
                while (rows.next()) {
                    byte[] bytes = rows.getBytes(1);
                    if (bytes != null) {
                        published = Math.max(published, tokenIndex(new String(bytes, StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return new Outbox(head, published);
    }

    static long tokenIndex(String token) {
        Matcher m = TOKEN_INDEX.matcher(token);
        if (!m.find()) {
            throw new IllegalStateException("the publisher's token has no index (Axon's serializer changed?)");
        }
        return Long.parseLong(m.group(1));
    }

    /** How many events are stored with a global index in (from, to]. */
    long eventsBetween(Connection connection, long from, long to) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "select count(*) from domain_event_entry where global_index > ? and global_index <= ?")) {
            count.setLong(1, from);
            count.setLong(2, to);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Waits until the outbox is published and reporting-service has applied everything (consumer lag 0), so that a
     * measurement does not start with the tail of the one before; gives up after {@code max} and says so.
     */
    void awaitQuiet(Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        long lastPrint = 0;
        try (Connection db = database()) {
            while (true) {
                long backlog = outbox(db).backlog();
                Lag lag = null;
                try {
                    lag = lag();
                } catch (RuntimeException | IOException e) {
                    // reporting-service busy or away: try again
                }
                if (backlog == 0 && lag != null && lag.records() == 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    System.out.printf("  not quiet after %d s (outbox backlog %,d, consumer lag %s); measuring anyway%n",
                            max.toSeconds(), backlog, lag == null ? "unknown" : String.format("%,d", lag.records()));
                    return;
                }
                if (System.nanoTime() - lastPrint > 10e9) {
                    System.out.printf("  waiting for the stack to be quiet: outbox backlog %,d, consumer lag %s%n",
                            backlog, lag == null ? "unknown" : String.format("%,d records", lag.records()));
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(1000);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------ HTTP

    HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** reporting-service's consumer lag: records behind over all partitions and the age of the oldest, in s. */
    record Lag(long records, double seconds) {
    }

    Lag lag() throws IOException, InterruptedException {
        HttpResponse<String> response = get(reportingUrl + "/api/operations/streams", operationsToken);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("reporting-service /api/operations/streams answered "
                    + response.statusCode());
        }
        JsonNode status = JSON.readTree(response.body());
        return new Lag(status.path("lagRecords").asLong(), status.path("lagSeconds").asDouble());
    }

    /** Sum of a Prometheus counter or gauge over all its series, from a service's /actuator/prometheus. */
    double metricSum(String baseUrl, String name) throws IOException, InterruptedException {
        double sum = 0;
        for (String line : prometheus(baseUrl).split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static final Pattern BUCKET = Pattern.compile("_bucket\\{(?:[^}]*,)?le=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)");

    /** A histogram's cumulative buckets (upper bound in seconds → count), summed over its other labels. */
    Map<Double, Double> histogram(String baseUrl, String name) throws IOException, InterruptedException {
        Map<Double, Double> buckets = new HashMap<>();
        for (String line : prometheus(baseUrl).split("\n")) {
            if (!line.startsWith(name + "_bucket{")) {
                continue;
            }
            Matcher m = BUCKET.matcher(line);
            if (m.find()) {
                double bound = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                buckets.merge(bound, Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return buckets;
    }

    private String prometheus(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = get(baseUrl + "/actuator/prometheus", operationsToken);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(baseUrl + "/actuator/prometheus answered " + response.statusCode());
        }
        return response.body();
    }

    // ------------------------------------------------------------------------------------------------- processes

    /** One process of the stack: what it is and its pid. */
    record Proc(String name, long pid) {
    }

    /**
     * The stack's live processes from {@code <home>/run/*.pid} (each checked against its command line, as the
     * launcher's own clean-up does) and PostgreSQL's postmaster from {@code <home>/postgres/postmaster.pid} with every
     * backend under it. A pid file whose process is gone or is someone else's is skipped.
     */
    List<Proc> processes() {
        List<Proc> found = new ArrayList<>();
        for (String name : List.of("launcher", "watchdog", "kafka", "case", "outcome", "reporting", "gateway")) {
            pidFile(home.resolve("run").resolve(name + ".pid"))
                    .filter(pid -> ours(name, commandLine(pid)))
                    .ifPresent(pid -> found.add(new Proc(name, pid)));
        }
        Path postgres = home.resolve("postgres");
        pidFile(postgres.resolve("postmaster.pid")).filter(pid -> {
            List<String> line = commandLine(pid);
            return !line.isEmpty() && line.get(0).endsWith("/postgres") && line.contains(postgres.toString());
        }).ifPresent(pid -> {
            found.add(new Proc("postgres", pid));
            ProcessHandle.of(pid).ifPresent(p -> p.descendants()
                    .forEach(child -> found.add(new Proc("postgres", child.pid()))));
        });
        return found;
    }

    /** The broker's pid, if it is this home's. */
    Optional<Long> kafkaPid() {
        return pidFile(home.resolve("run/kafka.pid")).filter(pid -> ours("kafka", commandLine(pid)));
    }

    private boolean ours(String name, List<String> commandLine) {
        String joined = String.join(" ", commandLine);
        return switch (name) {
            case "launcher" -> joined.contains("org.heard.deploy.Launcher");
            case "watchdog" -> joined.contains("Watchdog") && joined.contains(home.toString());
            default -> commandLine.contains(MARKER + home);
        };
    }

    private static Optional<Long> pidFile(Path file) {
        try {
            long pid = Long.parseLong(Files.readAllLines(file).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> args = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return args;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Sends a signal (STOP, CONT) to a process. */
    static void signal(String signal, long pid) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed (exit " + exit + ")");
        }
    }
}
