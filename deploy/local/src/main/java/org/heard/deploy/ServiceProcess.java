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

/** One of Heard's services, run from its executable jar in its own JVM, ready when its health endpoint says UP. */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final String javaOptions;
    private final Path log;
    private Process process;

    ServiceProcess(String name, Path jar, int port, Map<String, String> environment, String javaOptions, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = environment;
        this.javaOptions = javaOptions;
        this.log = log;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    void start() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not built: " + jar + " is missing (run ./mvnw package)");
        }
        List<String> command = new ArrayList<>();
        command.add(Launcher.javaExecutable());
        for (String option : javaOptions.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        process = builder.start();
        PrefixedOutput.pipe(name, process.getInputStream(), System.out, log);
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while starting (exit " + process.exitValue() + ")");
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not become ready within " + timeout.toSeconds() + " s");
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        Launcher.stop(process);
    }
}
