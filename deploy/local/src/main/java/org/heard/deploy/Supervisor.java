package org.heard.deploy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the stack's child processes running. A child that exits although nobody stopped it is started again after
 * 1 s, then 2, 4, 8, 16 and at most 30 s between attempts; one that stayed up for a minute starts again from 1 s.
 * Every exit and every restart is reported on the launcher's output, and nothing else of the stack is touched.
 */
final class Supervisor {

    /** A process of the stack that can be started, waited for and stopped again. */
    interface Child {
        /** How the child is called in reports, e.g. {@code case-service}. */
        String name();

        /** Starts its process (quickly: it does not wait for it to be ready). */
        void launch() throws IOException, InterruptedException;

        /** Waits until it serves; {@link IllegalStateException} when it exits or is not ready in time. */
        void awaitReady() throws InterruptedException;

        /** Its current process, or null before the first launch. */
        Process process();

        /** Stops it gracefully (SIGTERM), killing it if it has not stopped in time. */
        void stop() throws InterruptedException;
    }

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration STABLE = Duration.ofMinutes(1);

    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration stable;
    private final java.util.function.Consumer<String> report;

    private final ScheduledExecutorService restarts = Executors.newScheduledThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "heard-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Child, Watch> watches = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** The launcher's supervisor: 1 s doubling to 30 s, reset after a stable minute, reports on the output. */
    Supervisor() {
        this(FIRST_BACKOFF, MAX_BACKOFF, STABLE, PrefixedOutput::say);
    }

    Supervisor(Duration firstBackoff, Duration maxBackoff, Duration stable, java.util.function.Consumer<String> report) {
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.stable = stable;
        this.report = report;
    }

    /** One child's supervision: whether it should be running, since when it has been ready, how many attempts. */
    private static final class Watch {
        final Child child;
        boolean wanted = true;
        long readySince;
        int attempt;

        Watch(Child child) {
            this.child = child;
        }
    }

    /** Starts a child, waits until it is ready and from then on keeps it running. A failure here is not retried. */
    void start(Child child) throws IOException, InterruptedException {
        start(List.of(child));
    }

    /** Starts children side by side, waits until each is ready, and from then on keeps them running. */
    void start(List<? extends Child> children) throws IOException, InterruptedException {
        List<Watch> started = new ArrayList<>();
        for (Child child : children) {
            Watch watch = new Watch(child);
            synchronized (watch) {
                if (stopping) {
                    return;
                }
                watches.put(child, watch);
                child.launch();
            }
            started.add(watch);
        }
        for (Watch watch : started) {
            watch.child.awaitReady();
        }
        for (Watch watch : started) {
            watch(watch, watch.child.process());
        }
    }

    /** Stops a child on purpose: it is not restarted until {@link #start} is called for it again. */
    void stop(Child child) throws InterruptedException {
        release(child);
        child.stop();
    }

    /**
     * From now on the child is not restarted, and no restart of it is half-way through launching a process; the
     * caller stops it.
     */
    void release(Child child) {
        Watch watch = watches.remove(child);
        if (watch != null) {
            synchronized (watch) {
                watch.wanted = false;
            }
        }
    }

    /** No child is restarted from now on: the stack is stopping. */
    void stopping() {
        stopping = true;
        restarts.shutdownNow();
    }

    private void watch(Watch watch, Process process) {
        watch.readySince = System.nanoTime();
        process.onExit().thenAccept(exited -> exited(watch, exited));
    }

    private void exited(Watch watch, Process process) {
        synchronized (watch) {
            if (stopping || !watch.wanted || watch.child.process() != process) {
                return;
            }
            if (System.nanoTime() - watch.readySince >= stable.toNanos()) {
                watch.attempt = 0;
            }
            watch.attempt++;
            Duration delay = backoff(watch.attempt);
            report.accept(watch.child.name() + " exited (exit " + process.exitValue() + "); restarting in "
                    + seconds(delay) + " (attempt " + watch.attempt + ")");
            schedule(watch, delay);
        }
    }

    /** 1 s, 2 s, 4 s … for the first, second, third attempt in a row, never more than 30 s. */
    Duration backoff(int attempt) {
        Duration delay = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    private static String seconds(Duration delay) {
        return delay.toMillis() % 1000 == 0 ? delay.toSeconds() + " s" : String.format("%.1f s", delay.toMillis() / 1e3);
    }

    private void schedule(Watch watch, Duration delay) {
        try {
            restarts.schedule(() -> restart(watch), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stackStopping) {
            // no restarts while stopping
        }
    }

    private void restart(Watch watch) {
        long started = System.nanoTime();
        Process process;
        synchronized (watch) {
            if (stopping || !watch.wanted) {
                return;
            }
            Process before = watch.child.process();
            try {
                watch.child.launch();
            } catch (IOException | RuntimeException e) {
                // a launch that failed half-way (process started, pid file not written) leaves no process behind
                Process half = watch.child.process();
                if (half != null && half != before) {
                    half.destroyForcibly();
                }
                failed(watch, e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            process = watch.child.process();
        }
        try {
            watch.child.awaitReady();
        } catch (IllegalStateException e) {
            synchronized (watch) {
                if (stopping || !watch.wanted) {
                    return;
                }
                process.destroyForcibly();
                failed(watch, e);
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (watch) {
            if (stopping || !watch.wanted) {
                return;
            }
            report.accept(String.format("%s is back (attempt %d, ready in %.1f s)", watch.child.name(),
                    watch.attempt, (System.nanoTime() - started) / 1e9));
            watch(watch, process);
        }
    }

    private void failed(Watch watch, Exception e) {
        watch.attempt++;
        Duration delay = backoff(watch.attempt);
        report.accept(watch.child.name() + " did not come back: " + e.getMessage() + "; trying again in "
                + seconds(delay) + " (attempt " + watch.attempt + ")");
        schedule(watch, delay);
    }
}
