package org.heard.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A local stack run the way an operator runs it, as a separate launcher process ({@code org.heard.deploy.Launcher
 * up}) in its own temporary home with free ports, so that any part of it, or all of it at once, can be killed.
 */
final class StackUnderTest implements AutoCloseable {

    static final List<String> SERVICES = List.of("case", "outcome", "reporting");
    private static final Duration READY = Duration.ofMinutes(5);

    private final Path repo;
    private final Path home;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process launcher;
    private int launches;

    StackUnderTest(Path repo, Path home) throws IOException {
        this.repo = repo;
        this.home = home;
        environment.put("HEARD_HOME", home.toString());
        for (String port : List.of("HEARD_KAFKA_PORT", "HEARD_KAFKA_CONTROLLER_PORT", "HEARD_POSTGRES_PORT",
                "HEARD_MONGO_PORT", "HEARD_CASE_PORT", "HEARD_OUTCOME_PORT", "HEARD_REPORTING_PORT",
                "HEARD_GATEWAY_PORT", "HEARD_MLLP_PORT")) {
            environment.put(port, Integer.toString(freePort()));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Path home() {
        return home;
    }

    int port(String variable) {
        return Integer.parseInt(environment.get(variable));
    }

    String caseUrl() {
        return "http://127.0.0.1:" + port("HEARD_CASE_PORT");
    }

    String outcomeUrl() {
        return "http://127.0.0.1:" + port("HEARD_OUTCOME_PORT");
    }

    String reportingUrl() {
        return "http://127.0.0.1:" + port("HEARD_REPORTING_PORT");
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + port("HEARD_KAFKA_PORT");
    }

    String postgresUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port("HEARD_POSTGRES_PORT") + "/" + database;
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + port("HEARD_MONGO_PORT");
    }

    /** Starts a launcher (the first, or a new one after everything was killed) and waits until the stack serves. */
    void start() throws IOException, InterruptedException {
        Path log = home.resolve("launcher-" + (++launches) + ".log");
        List<String> command = List.of(javaExecutable(), "-Xms64m", "-Xmx1g", "-Dheard.repo=" + repo,
                "-cp", repo.resolve("deploy/local/target/classes") + ":" + repo.resolve("deploy/local/target/lib")
                        + "/*", "org.heard.deploy.Launcher", "up");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // every part embedded and at its defaults, whatever the shell that runs the drill points at
        builder.environment().keySet().removeAll(List.of("HEARD_KAFKA_BOOTSTRAP_SERVERS", "HEARD_CASE_DB_URL",
                "HEARD_OUTCOME_DB_URL", "HEARD_GATEWAY_DB_URL", "HEARD_MONGO_URI", "HEARD_MONGO_DATABASE", "HEARD_KEY_STORE_URL",
                "HEARD_REPORTING_GROUP_ID"));
        builder.environment().putAll(environment);
        launcher = builder.start();
        long deadline = System.nanoTime() + READY.toNanos();
        while (!ready()) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the launcher exited (exit " + launcher.exitValue() + ") before the"
                        + " stack was ready; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stack was not ready within " + READY.toMinutes() + " min; see "
                        + log);
            }
            Thread.sleep(500);
        }
    }

    /** Every service answers UP and the broker answers. */
    boolean ready() throws InterruptedException {
        for (String url : List.of(caseUrl(), outcomeUrl(), reportingUrl())) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() != 200 || !health.body().contains("\"UP\"")) {
                    return false;
                }
            } catch (IOException notYet) {
                return false;
            }
        }
        return brokerAnswers();
    }

    private boolean brokerAnswers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                3000))) {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** Waits until the stack serves again after a fault the launcher is expected to repair on its own. */
    Duration awaitRecovered(Optional<Long> replacedPid, String name) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + READY.toNanos();
        while (true) {
            Optional<Long> now = pid(name);
            boolean replaced = replacedPid.isEmpty() || (now.isPresent() && !now.equals(replacedPid));
            if (replaced && ready()) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the launcher exited (exit " + launcher.exitValue() + ") after a"
                        + " fault it should have survived");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not back within " + READY.toMinutes() + " min");
            }
            Thread.sleep(250);
        }
    }

    /** The pid the launcher recorded for one of its children ({@code case}, {@code kafka}, …), if it is alive. */
    Optional<Long> pid(String name) {
        try {
            long pid = Long.parseLong(Files.readString(home.resolve("run/" + name + ".pid")).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    Optional<ProcessHandle> postmaster() {
        try {
            long pid = Long.parseLong(Files.readAllLines(home.resolve("postgres/postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** SIGKILL to one child of the launcher. */
    long kill(String name) {
        long pid = pid(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return pid;
    }

    /** SIGTERM to the broker: a clean stop the launcher did not ask for. */
    long bounceBroker() {
        long pid = pid("kafka").orElseThrow(() -> new IllegalStateException("Kafka is not running"));
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        return pid;
    }

    /**
     * SIGKILL to every process of the stack at once, as a power cut would end them: the watchdog, the launcher
     * (and with it the in-process MongoDB), the services, the broker, the postmaster and every backend.
     *
     * @return how many processes were killed
     */
    int killEverything() throws InterruptedException {
        List<ProcessHandle> victims = new ArrayList<>();
        pid("watchdog").flatMap(ProcessHandle::of).ifPresent(victims::add);
        ProcessHandle root = launcher.toHandle();
        victims.add(root);
        root.descendants().forEach(victims::add);
        postmaster().ifPresent(postmaster -> {
            victims.add(postmaster);
            postmaster.descendants().forEach(victims::add);
        });
        victims.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // gone for good (a killed orphan stays a zombie until init reaps it), as after a power cut
        while (!leftovers().isEmpty() || victims.stream().anyMatch(ProcessHandle::isAlive)) {
            leftovers().forEach(ProcessHandle::destroyForcibly);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("processes of the stack survived SIGKILL: " + leftovers());
            }
            Thread.sleep(50);
        }
        return victims.size();
    }

    /** Every live process whose command line names this stack's home (services, broker, watchdog, PostgreSQL). */
    List<ProcessHandle> leftovers() {
        List<ProcessHandle> ours = new ArrayList<>();
        ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).forEach(process -> {
            if (commandLine(process).contains(home.toString())) {
                ours.add(process);
            }
        });
        if (launcher != null && launcher.isAlive()) {
            ours.add(launcher.toHandle());
        }
        return ours;
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the stack with SIGTERM, as an operator would, and checks that no process of it is left. */
    @Override
    public void close() throws InterruptedException {
        if (launcher != null && launcher.isAlive()) {
            launcher.destroy();
            if (!launcher.waitFor(3, TimeUnit.MINUTES)) {
                launcher.destroyForcibly();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!leftovers().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        List<ProcessHandle> left = leftovers();
        if (!left.isEmpty()) {
            left.forEach(ProcessHandle::destroyForcibly);
            throw new IllegalStateException(left.size() + " processes of the stack were still running after it was"
                    + " stopped with SIGTERM");
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
