package org.heard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The launcher as an operator lives with it: {@code ./heard up} started in the background of a non-interactive shell,
 * its children killed, the launcher itself killed, and stopped with SIGINT and SIGTERM — every process watched from
 * outside, by pid and by command line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {

    private static final Path REPO = Path.of(System.getProperty("heard.repo", "../..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration START = Duration.ofMinutes(4);

    private static Path home;
    private static final Map<String, String> ports = new LinkedHashMap<>();
    private static int starts;
    /** The home (logs of every launcher) is kept for a look when a test failed. */
    private static int passed;

    @BeforeAll
    static void ports() throws IOException {
        home = Files.createTempDirectory("heard-launcher-it-");
        for (String port : List.of("HEARD_KAFKA_PORT", "HEARD_KAFKA_CONTROLLER_PORT", "HEARD_POSTGRES_PORT",
                "HEARD_MONGO_PORT", "HEARD_CASE_PORT", "HEARD_OUTCOME_PORT", "HEARD_REPORTING_PORT",
                "HEARD_GATEWAY_PORT", "HEARD_MLLP_PORT")) {
            ports.put(port, Integer.toString(freePort()));
        }
    }

    /** What a failed test left running would hold the ports and the home: each test starts from nothing running. */
    @BeforeEach
    void nothingRunning() {
        ours().forEach(ProcessHandle::destroyForcibly);
        launcher().ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(30)).until(() -> ours().isEmpty() && launcher().isEmpty());
    }

    @AfterAll
    static void nothingLeft() throws Exception {
        // whatever a failed test left behind, so that it does not hold ports for the next
        for (ProcessHandle process : ours()) {
            process.destroyForcibly();
        }
        if (passed == 3) {
            try (Stream<Path> paths = Files.walk(home)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code ./heard up &} from a non-interactive shell, as a script or CI job starts it; returns its log. */
    private static Path startInBackground() throws Exception {
        Path log = home.resolve("launcher-" + (++starts) + ".log");
        Files.deleteIfExists(home.resolve("run/launcher.pid"));
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", "./heard up > '" + log + "' 2>&1 &")
                .directory(REPO.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        shell.environment().putAll(ports);
        shell.environment().put("HEARD_HOME", home.toString());
        shell.environment().put("HEARD_SKIP_BUILD", "1");
        assertThat(shell.start().waitFor()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> launcher().isPresent());
        return log;
    }

    private static Optional<ProcessHandle> launcher() {
        return pidFile("launcher").flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    private static Optional<Long> pidFile(String name) {
        try {
            return Optional.of(Long.parseLong(Files.readString(home.resolve("run/" + name + ".pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<ProcessHandle> live(String name) {
        return pidFile(name).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    private static Optional<ProcessHandle> postmaster() {
        try {
            long pid = Long.parseLong(Files.readAllLines(home.resolve("postgres/postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every live process whose command line names this test's home: services, broker, watchdog, PostgreSQL. */
    private static List<ProcessHandle> ours() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(process -> String.join(" ", RunDirectory.commandLine(process)).contains(home.toString()))
                .toList();
    }

    private static String log(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean up(String portVariable) {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(portVariable)
                + "/actuator/health")).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void awaitReady(Path log) {
        ProcessHandle launcher = launcher().orElseThrow();
        await().atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(launcher.isAlive()).as("launcher still running; its log:%n%s", log(log)).isTrue();
            return log(log).contains("| ready in");
        });
        assertThat(up("HEARD_CASE_PORT") && up("HEARD_OUTCOME_PORT") && up("HEARD_REPORTING_PORT")
                && up("HEARD_GATEWAY_PORT")).isTrue();
        assertThat(log(log)).contains("| trust-gateway     http://localhost:" + ports.get("HEARD_GATEWAY_PORT")
                + "/fhir (FHIR R4), HL7 v2 over MLLP on port " + ports.get("HEARD_MLLP_PORT"));
    }

    /** Waits until every child has been launched (pid files written, PostgreSQL up), without waiting for them to serve. */
    private static void awaitLaunched() {
        await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> postmaster().isPresent()
                && live("watchdog").isPresent() && live("kafka").isPresent() && live("case").isPresent()
                && live("outcome").isPresent() && live("reporting").isPresent() && live("gateway").isPresent());
    }

    private static boolean mongoListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(ports.get("HEARD_MONGO_PORT"))), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** When each watched process ended (and MongoDB stopped listening), seen by polling every 10 ms. */
    private static final class ExitTimes implements AutoCloseable {
        final Map<String, Long> ended = new ConcurrentHashMap<>();
        private final Thread poller;
        private volatile boolean done;

        ExitTimes(Map<String, ProcessHandle> processes) {
            poller = new Thread(() -> {
                while (!done) {
                    long now = System.nanoTime();
                    processes.forEach((name, process) -> {
                        if (!process.isAlive()) {
                            ended.putIfAbsent(name, now);
                        }
                    });
                    if (!ended.containsKey("mongo") && !mongoListening()) {
                        ended.putIfAbsent("mongo", now);
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "exit-times");
            poller.setDaemon(true);
            poller.start();
        }

        long of(String name) {
            assertThat(ended).as("exit of " + name).containsKey(name);
            return ended.get(name);
        }

        @Override
        public void close() throws InterruptedException {
            done = true;
            poller.join();
        }
    }

    private static Map<String, ProcessHandle> children() {
        Map<String, ProcessHandle> children = new LinkedHashMap<>();
        for (String name : List.of("gateway", "case", "outcome", "reporting", "kafka", "watchdog")) {
            children.put(name, live(name).orElseThrow(() -> new AssertionError(name + " is not running")));
        }
        ProcessHandle postmaster = postmaster().orElseThrow();
        children.put("postgres", postmaster);
        postmaster.children().forEach(backend -> children.put("postgres backend " + backend.pid(), backend));
        return children;
    }

    /**
     * Sends a signal and checks that the trust gateway, then the other services, then Kafka, then MongoDB, then
     * PostgreSQL stopped, and nothing is left.
     */
    private static void stopsInOrder(String signal, Path log) throws Exception {
        ProcessHandle launcher = launcher().orElseThrow();
        Map<String, ProcessHandle> children = children();
        assertThat(mongoListening()).isTrue();
        int before = log(log).length();
        try (ExitTimes exits = new ExitTimes(children)) {
            RunDirectory.signal(signal, launcher.pid());
            await().atMost(Duration.ofMinutes(2)).until(() -> !launcher.isAlive());
            await().atMost(Duration.ofSeconds(10)).until(() -> children.values().stream().noneMatch(ProcessHandle::isAlive));
            exits.close();

            long firstService = Stream.of("case", "outcome", "reporting").mapToLong(exits::of).min().orElseThrow();
            assertThat(exits.of("gateway")).as("the trust gateway stopped before the other services")
                    .isLessThan(firstService);
            long lastService = Stream.of("case", "outcome", "reporting").mapToLong(exits::of).max().orElseThrow();
            assertThat(lastService).as("every service stopped before Kafka").isLessThan(exits.of("kafka"));
            assertThat(exits.of("kafka")).as("Kafka stopped before MongoDB").isLessThanOrEqualTo(exits.of("mongo"));
            assertThat(exits.of("mongo")).as("MongoDB stopped before PostgreSQL").isLessThan(exits.of("postgres"));
        }
        String stopping = log(log).substring(before);
        assertThat(stopping).contains("| stopping the services").contains("| PostgreSQL stopped").contains("| stopped");
        assertThat(stopping).as("a stop is not a crash").doesNotContain("restarting in");
        assertThat(ours()).as("processes left running").isEmpty();
        assertThat(Files.list(home.resolve("run")).map(p -> p.getFileName().toString()))
                .as("pid files left").noneMatch(name -> name.endsWith(".pid"));
    }

    @Test
    @Order(1)
    void inTheBackgroundOfAScriptItRestartsACrashedServiceAndBrokerAndSigintStopsEverythingInOrder() throws Exception {
        Path log = startInBackground();
        // A non-interactive shell starts background jobs with SIGINT ignored: the JVM must still handle it.
        String status = Files.readString(Path.of("/proc", Long.toString(launcher().orElseThrow().pid()), "status"));
        long ignored = Long.parseLong(status.replaceAll("(?s).*SigIgn:\\s*([0-9a-f]+).*", "$1"), 16);
        long caught = Long.parseLong(status.replaceAll("(?s).*SigCgt:\\s*([0-9a-f]+).*", "$1"), 16);
        assertThat(ignored & 0b10).as("SIGINT ignored").isZero();
        assertThat(caught & 0b10).as("SIGINT handled").isNotZero();
        awaitReady(log);

        long caseService = live("case").orElseThrow().pid();
        ProcessHandle.of(caseService).orElseThrow().destroyForcibly();
        await().atMost(START).pollInterval(Duration.ofMillis(500))
                .until(() -> log(log).contains("| case-service exited (exit 137); restarting in 1 s (attempt 1)")
                        && log(log).contains("| case-service is back (attempt 1"));
        assertThat(live("case").orElseThrow().pid()).isNotEqualTo(caseService);
        assertThat(up("HEARD_CASE_PORT")).isTrue();

        live("kafka").orElseThrow().destroyForcibly();
        await().atMost(START).pollInterval(Duration.ofMillis(500))
                .until(() -> log(log).contains("| Kafka exited (exit 137); restarting in 1 s (attempt 1)")
                        && log(log).contains("| Kafka is back (attempt 1"));
        assertThat(up("HEARD_OUTCOME_PORT") && up("HEARD_REPORTING_PORT")).as("the rest kept running").isTrue();

        stopsInOrder("INT", log);
        passed++;
    }

    @Test
    @Order(2)
    void whenTheLauncherIsKilledItsWatchdogStopsEverythingItStarted() throws Exception {
        Path log = startInBackground();
        awaitLaunched();
        List<ProcessHandle> children = new ArrayList<>(children().values());

        launcher().orElseThrow().destroyForcibly();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> children.stream().noneMatch(ProcessHandle::isAlive) && ours().isEmpty());
        assertThat(log(log)).contains("the watchdog stops what it started");
        passed++;
    }

    @Test
    @Order(3)
    void whatAKilledLauncherAndWatchdogLeftIsStoppedByTheNextStartWhichThenStopsInOrderOnSigterm() throws Exception {
        startInBackground();
        awaitLaunched();
        Map<String, ProcessHandle> children = children();
        live("watchdog").orElseThrow().destroyForcibly();
        launcher().orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> launcher().isEmpty());
        // PostgreSQL, the broker and the services outlive them, holding their ports
        assertThat(children.get("postgres").isAlive() && children.get("kafka").isAlive()
                && children.get("case").isAlive()).as("orphans").isTrue();

        Path log = startInBackground();
        awaitReady(log);
        assertThat(log(log)).contains("| stopping case-service left running by a previous launcher (pid "
                + children.get("case").pid() + ")");
        assertThat(log(log)).contains("| stopping PostgreSQL left running by a previous launcher (pid "
                + children.get("postgres").pid() + ")");
        assertThat(log(log)).contains("| stopping trust-gateway left running by a previous launcher (pid "
                + children.get("gateway").pid() + ")");
        assertThat(children.values().stream().filter(ProcessHandle::isAlive).toList()).as("orphans left").isEmpty();

        stopsInOrder("TERM", log);
        passed++;
    }
}
