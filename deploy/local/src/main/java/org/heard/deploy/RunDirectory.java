package org.heard.deploy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The stack's run directory, {@code <home>/run}: a lock that one launcher at a time holds for a home, and a pid file
 * for every process the stack starts. A launcher that was killed leaves its pid files behind, and its children may
 * still be running (PostgreSQL always would: {@code pg_ctl} starts it in a session of its own); the next start, or
 * the {@link Watchdog}, stops them in the order a clean stop would: the trust gateway, the other services, then Kafka,
 * then PostgreSQL. Each pid is
 * checked against the process's command line first, so a pid that now belongs to something else is never touched.
 */
final class RunDirectory implements AutoCloseable {

    /** Put on the command line of every JVM the stack starts, so that a leftover can be told from a stranger. */
    static final String MARKER = "-Dlocal-stack.home=";
    /** The children in the order they are stopped: the gateway alone first, then the other services together. */
    static final List<String> STOP_ORDER = List.of("gateway", "case", "outcome", "reporting", "kafka");
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final Path home;
    private final Path dir;
    private FileChannel channel;
    private FileLock lock;

    private RunDirectory(Path home) {
        this.home = home;
        this.dir = home.resolve("run");
    }

    /** Thrown when a live launcher already holds this home. */
    static final class Held extends IllegalStateException {
        Held(String message) {
            super(message);
        }
    }

    /**
     * Takes the home's lock, waits for a watchdog of a previous launcher that is still stopping things, and stops
     * whatever a killed launcher left running.
     *
     * @throws Held when a live launcher holds the lock
     */
    static RunDirectory claim(Path home) throws IOException, InterruptedException {
        RunDirectory run = new RunDirectory(home);
        Files.createDirectories(run.dir);
        run.channel = FileChannel.open(run.dir.resolve("launcher.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            run.lock = run.channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            run.lock = null;
        }
        if (run.lock == null) {
            run.channel.close();
            String pid = run.read("launcher").map(p -> " (pid " + p + ")").orElse("");
            throw new Held("A Heard stack is already running from " + home + pid + ". Stop it first (Ctrl-C in its"
                    + " terminal, or kill -TERM" + pid.replaceAll("[^0-9]", " ") + "), or give this one another"
                    + " HEARD_HOME and ports.");
        }
        run.record("launcher", ProcessHandle.current().pid());
        Optional<ProcessHandle> watchdog = run.leftover("watchdog");
        if (watchdog.isPresent()) {
            PrefixedOutput.say("waiting for the previous launcher's watchdog (pid " + watchdog.get().pid()
                    + ") to finish stopping what it left");
            try {
                watchdog.get().onExit().get(4 * GRACE.toSeconds() + 30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("the previous launcher's watchdog (pid " + watchdog.get().pid()
                        + ") is still running after " + (4 * GRACE.toSeconds() + 30) + " s", e);
            }
        }
        run.stopLeftovers("left running by a previous launcher");
        return run;
    }

    /** The run directory of a home whose launcher is gone, for the watchdog: no lock, just the clean-up. */
    static RunDirectory of(Path home) {
        return new RunDirectory(home);
    }

    /** Records a process the stack started. */
    void record(String name, long pid) throws IOException {
        Files.createDirectories(dir); // someone may have deleted the home's contents under a running stack
        Path tmp = dir.resolve(name + ".pid.tmp");
        Files.writeString(tmp, pid + "\n");
        Files.move(tmp, dir.resolve(name + ".pid"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Forgets a process the stack stopped. */
    void forget(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name + ".pid"));
        } catch (IOException ignored) {
            // a stale pid file is checked by command line before it is used
        }
    }

    Path dir() {
        return dir;
    }

    Path home() {
        return home;
    }

    private Optional<Long> read(String name) {
        try {
            return Optional.of(Long.parseLong(Files.readString(dir.resolve(name + ".pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The live process a pid file names, if its command line shows it is this home's. */
    Optional<ProcessHandle> leftover(String name) {
        return read(name).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(process -> isOurs(name, commandLine(process)));
    }

    private boolean isOurs(String name, List<String> commandLine) {
        String joined = String.join(" ", commandLine);
        return switch (name) {
            case "watchdog" -> (joined.contains(Watchdog.NAME) || joined.contains(Watchdog.class.getName()))
                    && joined.contains(home.toString());
            case "launcher" -> joined.contains(Launcher.class.getName());
            default -> commandLine.contains(MARKER + home);
        };
    }

    /** The postmaster of this home's PostgreSQL, if one is running (its pid is the first line of postmaster.pid). */
    Optional<ProcessHandle> postmaster() {
        Path dataDir = home.resolve("postgres");
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(process -> {
                List<String> commandLine = commandLine(process);
                return !commandLine.isEmpty() && commandLine.get(0).endsWith("/postgres")
                        && commandLine.contains(dataDir.toString());
            });
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes a {@code postmaster.pid} whose PostgreSQL is gone. PostgreSQL itself refuses to start while the pid in
     * it exists at all, which after a kill -9 it briefly still does (a zombie until init reaps it) and which later can
     * be any process that was given the same pid.
     */
    void clearStalePostmasterPid() throws IOException {
        Path pidFile = home.resolve("postgres/postmaster.pid");
        if (Files.exists(pidFile) && postmaster().isEmpty()) {
            PrefixedOutput.say("removing postmaster.pid of a PostgreSQL that is no longer running");
            Files.delete(pidFile);
        }
    }

    static List<String> commandLine(ProcessHandle process) {
        // /proc/<pid>/cmdline, read whole (ProcessHandle.Info is truncated for long class paths on some JDKs)
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
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

    /**
     * Stops every process of this home that is still running although its launcher is gone: the trust gateway, then
     * the other services (SIGTERM, then SIGKILL after 30 s), then Kafka, then PostgreSQL (fast shutdown, then SIGKILL of the postmaster
     * and its backends).
     *
     * @return how many processes it stopped
     */
    int stopLeftovers(String why) throws InterruptedException {
        int stopped = 0;
        List<String> services = STOP_ORDER.subList(0, STOP_ORDER.size() - 1);
        Optional<ProcessHandle> gateway = leftover("gateway");
        if (gateway.isPresent()) {
            PrefixedOutput.say("stopping trust-gateway " + why + " (pid " + gateway.get().pid() + ")");
            gateway.get().destroy();
            stopped += awaitOrKill(gateway.get(), GRACE);
        }
        List<ProcessHandle> running = new ArrayList<>();
        for (String name : services.subList(1, services.size())) {
            Optional<ProcessHandle> process = leftover(name);
            if (process.isPresent()) {
                PrefixedOutput.say("stopping " + name + "-service " + why + " (pid " + process.get().pid() + ")");
                process.get().destroy();
                running.add(process.get());
            }
        }
        for (ProcessHandle process : running) {
            stopped += awaitOrKill(process, GRACE);
        }
        for (String name : services) {
            forget(name);
        }
        Optional<ProcessHandle> kafka = leftover("kafka");
        if (kafka.isPresent()) {
            PrefixedOutput.say("stopping Kafka " + why + " (pid " + kafka.get().pid() + ")");
            kafka.get().destroy();
            stopped += awaitOrKill(kafka.get(), GRACE);
        }
        forget("kafka");
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isPresent()) {
            PrefixedOutput.say("stopping PostgreSQL " + why + " (pid " + postmaster.get().pid() + ")");
            List<ProcessHandle> backends = postmaster.get().descendants().toList();
            signal("INT", postmaster.get().pid()); // fast shutdown: roll back open transactions, checkpoint, exit
            stopped += awaitOrKill(postmaster.get(), GRACE.multipliedBy(2));
            backends.forEach(ProcessHandle::destroyForcibly);
        }
        return stopped;
    }

    private static int awaitOrKill(ProcessHandle process, Duration grace) throws InterruptedException {
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            PrefixedOutput.say("pid " + process.pid() + " did not stop within " + grace.toSeconds() + " s; killing it");
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ignored) {
                // reported by whoever finds it still running
            }
        } catch (java.util.concurrent.ExecutionException ignored) {
            // onExit does not fail
        }
        return 1;
    }

    /** Sends a signal Java has no API for (SIGINT, SIGQUIT). */
    static void signal(String signal, long pid) throws InterruptedException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("could not send SIG" + signal + " to " + pid, e);
        }
    }

    /** Releases the lock: the next launcher may start. */
    @Override
    public void close() {
        forget("launcher");
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the lock goes with the process in any case
        }
    }
}
