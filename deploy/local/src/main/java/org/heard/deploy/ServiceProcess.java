package org.heard.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of Heard's services, run from its executable jar in its own JVM (and its own session, so that a Ctrl-C meant for
 * the launcher reaches the services only through the launcher, in order), ready when its health endpoint says UP and,
 * for a service with a second listener (the trust gateway's MLLP port), when that port accepts a connection too.
 */
final class ServiceProcess implements Supervisor.Child {

    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final String displayName;
    private final Path jar;
    private final int port;
    private final int otherPort;
    private final Map<String, String> environment;
    private final String javaOptions;
    private final Path log;
    private final RunDirectory run;
    private volatile Process process;
    private volatile long terminatedAt;

    ServiceProcess(String name, Path jar, int port, Map<String, String> environment, String javaOptions, Path log,
                   RunDirectory run) {
        this(name, name + "-service", jar, port, 0, environment, javaOptions, log, run);
    }

    /**
     * @param displayName how it is called in reports ({@code trust-gateway})
     * @param otherPort   a second port that must accept a connection before it is ready, 0 for none
     */
    ServiceProcess(String name, String displayName, Path jar, int port, int otherPort, Map<String, String> environment,
                   String javaOptions, Path log, RunDirectory run) {
        this.name = name;
        this.displayName = displayName;
        this.jar = jar;
        this.port = port;
        this.otherPort = otherPort;
        this.environment = environment;
        this.javaOptions = javaOptions;
        this.log = log;
        this.run = run;
    }

    /** The short name, e.g. {@code case}; its pid file is {@code run/case.pid}. */
    String shortName() {
        return name;
    }

    @Override
    public String name() {
        return displayName;
    }

    int port() {
        return port;
    }

    @Override
    public void launch() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not built: " + jar + " is missing (run ./mvnw package)");
        }
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.add(Launcher.javaExecutable());
        for (String option : javaOptions.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.add(RunDirectory.MARKER + run.home());
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        process = builder.start();
        run.record(name, process.pid());
        PrefixedOutput.pipe(name, process.getInputStream(), System.out, log);
    }

    @Override
    public void awaitReady() throws InterruptedException {
        Process current = process;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!current.isAlive()) {
                throw new IllegalStateException(name() + " exited while starting (exit " + current.exitValue() + ")");
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"") && otherPortAccepts()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name() + " did not become ready within " + START_TIMEOUT.toSeconds() + " s");
    }

    private boolean otherPortAccepts() {
        if (otherPort == 0) {
            return true;
        }
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", otherPort), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public Process process() {
        return process;
    }

    boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** Asks it to stop (SIGTERM) without waiting, so that all services can stop at the same time. */
    void terminate() {
        Process current = process;
        if (current != null && current.isAlive()) {
            terminatedAt = System.nanoTime();
            current.destroy();
        }
    }

    @Override
    public void stop() throws InterruptedException {
        Process current = process;
        if (current != null && (current.isAlive() || terminatedAt != 0)) {
            Launcher.stop(name(), current, terminatedAt != 0 ? terminatedAt : System.nanoTime());
        }
        terminatedAt = 0;
        run.forget(name);
    }
}
