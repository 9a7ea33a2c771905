package org.heard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's restart rule with real child processes ({@code sleep}) that are really killed, on a faster clock
 * than the launcher's: 200 ms doubling to 800 ms, reset after 3 s up.
 */
class SupervisorTest {

    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final Supervisor supervisor = new Supervisor(Duration.ofMillis(200), Duration.ofMillis(800),
            Duration.ofSeconds(3), reports::add);
    private final Sleeper child = new Sleeper();

    /**
     * A child that is a {@code sleep} process; it counts its launches and remembers when each was. A launch can be
     * made to fail half-way, after its process started (as when its pid file cannot be written).
     */
    private static final class Sleeper implements Supervisor.Child {
        final AtomicInteger launches = new AtomicInteger();
        final List<Long> launchedAt = new CopyOnWriteArrayList<>();
        final List<Process> processes = new CopyOnWriteArrayList<>();
        final AtomicInteger failingLaunches = new AtomicInteger();
        volatile Process process;

        @Override
        public String name() {
            return "sleeper";
        }

        @Override
        public void launch() throws IOException {
            process = new ProcessBuilder("sleep", "300").start();
            processes.add(process);
            launchedAt.add(System.nanoTime());
            launches.incrementAndGet();
            if (failingLaunches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IOException("pid file not written");
            }
        }

        @Override
        public void awaitReady() {
            if (!process.isAlive()) {
                throw new IllegalStateException("exited while starting");
            }
        }

        @Override
        public Process process() {
            return process;
        }

        @Override
        public void stop() throws InterruptedException {
            if (process != null) {
                process.destroy();
                process.waitFor();
            }
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        supervisor.stopping();
        child.stop();
    }

    private void killAndAwaitLaunch(int launch) {
        child.process.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> child.launches.get() == launch);
    }

    private long millisBetweenLaunches(int earlier, int later) {
        return (child.launchedAt.get(later - 1) - child.launchedAt.get(earlier - 1)) / 1_000_000;
    }

    @Test
    void aChildThatKeepsDyingIsRestartedAfterABackoffThatDoublesUpToTheMaximumAndEachExitIsReported()
            throws Exception {
        supervisor.start(child);

        for (int launch = 2; launch <= 5; launch++) {
            killAndAwaitLaunch(launch);
        }

        assertThat(reports).filteredOn(line -> line.contains("exited")).containsExactly(
                "sleeper exited (exit 137); restarting in 0.2 s (attempt 1)",
                "sleeper exited (exit 137); restarting in 0.4 s (attempt 2)",
                "sleeper exited (exit 137); restarting in 0.8 s (attempt 3)",
                "sleeper exited (exit 137); restarting in 0.8 s (attempt 4)");
        assertThat(reports).filteredOn(line -> line.contains("is back")).hasSize(4);
        // the wait is real: the third restart came at least 0.8 s after its kill, not at once
        assertThat(millisBetweenLaunches(3, 4)).isGreaterThanOrEqualTo(800);
    }

    @Test
    void aChildThatStayedUpLongEnoughStartsAgainFromTheFirstBackoff() throws Exception {
        supervisor.start(child);
        killAndAwaitLaunch(2);
        killAndAwaitLaunch(3);

        await().during(Duration.ofMillis(3200)).atMost(Duration.ofSeconds(5)).until(() -> child.process.isAlive());
        killAndAwaitLaunch(4);

        assertThat(reports).filteredOn(line -> line.contains("exited")).last().asString()
                .endsWith("restarting in 0.2 s (attempt 1)");
    }

    @Test
    void aLaunchThatFailsAfterItsProcessStartedLeavesNoProcessBehindAndIsTriedAgain() throws Exception {
        supervisor.start(child);
        child.failingLaunches.set(2);

        killAndAwaitLaunch(4);

        assertThat(reports).filteredOn(line -> line.contains("did not come back: pid file not written")).hasSize(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> !child.processes.get(1).isAlive()
                && !child.processes.get(2).isAlive());
        assertThat(child.processes.get(3).isAlive()).isTrue();
    }

    @Test
    void aChildStoppedOnPurposeOrWhileTheStackStopsIsNotRestarted() throws Exception {
        supervisor.start(child);
        supervisor.stop(child);

        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> child.launches.get() == 1);

        supervisor.start(child);
        supervisor.stopping();
        child.process.destroyForcibly();
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> child.launches.get() == 2);
        assertThat(reports).noneMatch(line -> line.contains("restarting"));
    }
}
