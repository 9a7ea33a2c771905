package org.heard.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, broker and controller combined) in its own JVM, with its data under
 * {@code <home>/kafka}. The storage is formatted once; later starts reuse it, so events survive a restart.
 */
final class KafkaBroker implements Supervisor.Child {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final StackSettings settings;
    private final RunDirectory run;
    private final Path dir;
    private volatile Process process;

    KafkaBroker(StackSettings settings, RunDirectory run) {
        this.settings = settings;
        this.run = run;
        this.dir = settings.home().resolve("kafka");
    }

    @Override
    public String name() {
        return "Kafka";
    }

    @Override
    public Process process() {
        return process;
    }

    /** Formats the storage on first use, then starts the broker's JVM (in a session of its own, like the services). */
    @Override
    public void launch() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, serverProperties());
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, """
                status = warn
                appender.console.type = Console
                appender.console.name = STDOUT
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
                rootLogger.level = warn
                rootLogger.appenderRef.stdout.ref = STDOUT
                """);
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            Process format = java(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", properties.toString()), log4j).redirectErrorStream(true).start();
            PrefixedOutput.pipe("kafka", format.getInputStream(), System.out, settings.home().resolve("logs/kafka.log"));
            int formatted = format.waitFor();
            if (formatted != 0) {
                throw new IllegalStateException("formatting Kafka storage in " + dir + " failed (exit " + formatted + ")");
            }
        }
        process = java(List.of("kafka.Kafka", properties.toString()), log4j).redirectErrorStream(true).start();
        run.record("kafka", process.pid());
        PrefixedOutput.pipe("kafka", process.getInputStream(), System.out, settings.home().resolve("logs/kafka.log"));
    }

    private ProcessBuilder java(List<String> mainAndArgs, Path log4j) {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.add(Launcher.javaExecutable());
        command.addAll(List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", RunDirectory.MARKER + run.home(),
                "-Dlog4j2.configurationFile=" + log4j.toUri(),
                "-cp", Launcher.classpath(settings.repo())));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command);
    }

    private String serverProperties() {
        int port = settings.kafkaPort();
        int controller = settings.kafkaControllerPort();
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%d
                listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d
                advertised.listeners=PLAINTEXT://127.0.0.1:%d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%s
                num.partitions=3
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.cleaner.dedupe.buffer.size=8388608
                """.formatted(controller, port, controller, port, dir.resolve("data"))
                + settings.kafkaConfig().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                        .collect(java.util.stream.Collectors.joining());
    }

    @Override
    public void awaitReady() throws InterruptedException {
        Process process = this.process;
        Duration timeout = START_TIMEOUT;
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited while starting (exit " + process.exitValue() + ")");
            }
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("Kafka did not become ready within " + timeout.toSeconds() + " s");
    }

    /** Stops the broker gracefully (controlled shutdown), killing it if it does not stop in time. */
    @Override
    public void stop() throws InterruptedException {
        Process current = process;
        if (current != null && current.isAlive()) {
            Launcher.stop(name(), current);
        }
        run.forget("kafka");
    }
}
