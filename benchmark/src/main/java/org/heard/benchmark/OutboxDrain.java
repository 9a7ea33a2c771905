package org.heard.benchmark;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How fast case-service's outbox (its event store, read by the Kafka publisher) drains a backlog. A backlog of
 * {@code events} stored events is built by driving commands with {@code clients} closed-loop clients while the stack's
 * Kafka broker is paused ({@code hold = broker}: SIGSTOP of the broker's own JVM, found by its pid file under
 * {@code HEARD_HOME/run}; commands are still accepted and stored, nothing is published), then the broker is resumed
 * (SIGCONT) and the publisher's token is followed in PostgreSQL until it reaches the last stored event.
 *
 * <p>The drain rate is the number of stored events between the token's first move after the resume and the head,
 * divided by the time between that move and the token reaching the head; the time from the resume to that first move
 * (the publisher's retry back-off and the broker's recovery) is reported on its own. With {@code hold = none} the
 * broker is left alone: commands are driven as fast as they are accepted and the largest backlog seen is reported
 * with the publisher's rate over the run (when it keeps up the backlog stays small and that rate is only the arrival
 * rate: a lower bound).
 *
 * <p>{@code ./heard bench drain [events] [clients] [broker|none]} (defaults 100000 32 broker). If the benchmark is
 * killed while the broker is paused, {@code kill -CONT $(cat $HEARD_HOME/run/kafka.pid)} resumes it.
 */
final class OutboxDrain {

    private OutboxDrain() {
    }

    record Sample(double at, long head, long published) {
    }

    static void run(Stack stack, int events, int clients, boolean holdBroker, Double commandRate, Summary summary)
            throws Exception {
        String section = "drain (" + String.format("%,d", events) + " events" + (holdBroker ? ", broker paused)" : ")");
        stack.awaitQuiet(java.time.Duration.ofMinutes(10));
        try (Connection db = stack.database()) {
            Stack.Outbox before = stack.outbox(db);
            System.out.printf("outbox: head %,d, published up to %,d (backlog %,d)%n", before.head(),
                    before.published(), before.backlog());
            Long kafka = null;
            Thread resume = null;
            if (holdBroker) {
                Optional<Long> pid = stack.kafkaPid();
                if (pid.isEmpty()) {
                    throw new IllegalStateException("no Kafka broker of " + stack.home + " found (run/kafka.pid):"
                            + " drain with hold=broker needs the local stack's own broker; use hold=none otherwise");
                }
                kafka = pid.get();
                long paused = kafka;
                // whatever happens to this benchmark short of kill -9, the broker runs again
                resume = new Thread(() -> {
                    try {
                        Stack.signal("CONT", paused);
                    } catch (Exception ignored) {
                        // reported by the stack's own health
                    }
                }, "resume-kafka");
                Runtime.getRuntime().addShutdownHook(resume);
                Stack.signal("STOP", kafka);
                System.out.printf("Kafka broker (pid %d) paused; if this benchmark is killed: kill -CONT %d%n",
                        kafka, kafka);
            }
            long fillStart = System.nanoTime();
            CaseCommandLoad load = new CaseCommandLoad(stack, clients);
            load.start();
            load.measure(true);
            long maxBacklog = 0;
            long target = before.head() + events;
            Stack.Outbox now = before;
            long lastPrint = System.nanoTime();
            while (true) {
                now = stack.outbox(db);
                maxBacklog = Math.max(maxBacklog, now.backlog());
                boolean reached = holdBroker ? now.backlog() >= events : now.head() >= target;
                if (reached) {
                    break;
                }
                if (load.errors() > 1000 && load.accepted() == 0) {
                    throw new IllegalStateException("case-service refuses every command");
                }
                if (System.nanoTime() - lastPrint > 10e9) {
                    System.out.printf("  filling: head %,d, published %,d, backlog %,d%n", now.head(), now.published(),
                            now.backlog());
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(200);
            }
            CaseCommandLoad.Result fill = load.stop();
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            Stack.Outbox filled = stack.outbox(db);
            maxBacklog = Math.max(maxBacklog, filled.backlog());
            System.out.printf("filled in %.1f s: %,d commands (%.0f/s, p99 %.1f ms, %d errors); head %,d, backlog %,d%n",
                    fillSeconds, fill.commands(), fill.perSecond(), fill.p99(), fill.errors(), filled.head(),
                    filled.backlog());

            long resumed = System.nanoTime();
            double publishedBefore = publishedCounter(stack);
            if (holdBroker) {
                Stack.signal("CONT", kafka);
                Runtime.getRuntime().removeShutdownHook(resume);
                System.out.println("Kafka broker resumed; following the publisher's token");
            }
            List<Sample> samples = new ArrayList<>();
            long startIndex = filled.published();
            Double firstMove = null;
            long firstMoveIndex = startIndex;
            lastPrint = System.nanoTime();
            long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000L;
            while (true) {
                now = stack.outbox(db);
                double at = (System.nanoTime() - resumed) / 1e9;
                samples.add(new Sample(at, now.head(), now.published()));
                if (firstMove == null && now.published() > startIndex) {
                    // the token moves once per batch: the first move already carries a batch
                    firstMove = at;
                    firstMoveIndex = now.published();
                }
                if (now.published() >= filled.head()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the outbox did not drain within 30 min (token at "
                            + now.published() + " of " + filled.head() + ")");
                }
                if (System.nanoTime() - lastPrint > 5e9) {
                    System.out.printf("  draining: published %,d of %,d (%.0f s)%n", now.published(), filled.head(),
                            at);
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(100);
            }
            double doneAt = samples.get(samples.size() - 1).at();
            long drained = stack.eventsBetween(db, firstMoveIndex, filled.head());
            long backlogEvents = stack.eventsBetween(db, startIndex, filled.head());
            double publishedAfter = publishedCounter(stack);
            double firstMoveAt = firstMove == null ? 0 : firstMove;
            // events published between two observations of the token: from the first move seen to the head
            double rate = doneAt > firstMoveAt ? drained / (doneAt - firstMoveAt) : Double.NaN;
            double overall = doneAt > 0 ? backlogEvents / doneAt : Double.NaN;
            double against = commandRate != null ? commandRate : fill.perSecond();
            if (holdBroker) {
                System.out.printf("DRAIN: backlog of %,d stored events drained in %.1f s after the broker was resumed"
                                + " (first token move after %.1f s): %,.0f events/s from the first move, %,.0f events/s"
                                + " overall; publisher counter +%,.0f%n", backlogEvents, doneAt, firstMoveAt, rate,
                        overall, publishedAfter - publishedBefore);
                summary.add(section, "backlog drained", backlogEvents, "events", Summary.Goal.AT_LEAST, events,
                        "built with the broker paused");
                summary.add(section, "drain rate", rate, "events/s", Summary.Goal.AT_LEAST, against,
                        commandRate != null ? "target: the command rate measured above"
                                : "target: the fill's command rate");
                summary.add(section, "drain rate vs 10 x before", rate, "events/s", Summary.Goal.AT_LEAST, 1500,
                        "10 x the ~150 events/s of the unbatched publisher");
                summary.add(section, "resume to first token move", firstMoveAt, "s", null);
                summary.add(section, "drained after", doneAt, "s", null);
            } else {
                // published while commands kept arriving: the publisher's rate over the fill and the tail together,
                // limited by the arrival rate when it keeps up (a lower bound of what it can do)
                long all = stack.eventsBetween(db, before.published(), filled.head());
                double publisherRate = all / (fillSeconds + doneAt);
                System.out.printf("NO HOLD: %,d events stored in %.1f s with publishing on; largest backlog %,d;"
                                + " the token reached the head %.1f s after the commands stopped; %,.0f events/s"
                                + " published over the run (a lower bound when it kept up)%n", all, fillSeconds,
                        maxBacklog, doneAt, publisherRate);
                summary.add(section, "largest backlog seen", maxBacklog, "events",
                        String.format("%,d events stored with publishing on", all));
                summary.add(section, "published events/s", publisherRate, "events/s",
                        "over fill and tail: arrival-limited when it keeps up, a lower bound");
                summary.add(section, "end of commands to head published", doneAt, "s", null);
            }
            summary.add(section, "fill command rate", fill.perSecond(), "1/s",
                    String.format("%d clients, p99 %.1f ms", clients, fill.p99()));
            summary.detail(section, "fill", fill);
            summary.detail(section, "before", before);
            summary.detail(section, "filled", filled);
            summary.detail(section, "publishedCounterDelta", publishedAfter - publishedBefore);
            summary.detail(section, "overallEventsPerSecond", overall);
            summary.detail(section, "maxBacklog", maxBacklog);
            summary.detail(section, "samples", thin(samples, 200));
        }
    }

    /** case-service's heard_publisher_published_total over all topics and types; NaN if it cannot be read. */
    private static double publishedCounter(Stack stack) {
        try {
            return stack.metricSum(stack.caseUrl, "heard_publisher_published_total");
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** At most {@code max} of the samples, evenly spread, last included. */
    static <T> List<T> thin(List<T> samples, int max) {
        if (samples.size() <= max) {
            return samples;
        }
        List<T> kept = new ArrayList<>();
        double step = (samples.size() - 1) / (double) (max - 1);
        for (int i = 0; i < max; i++) {
            kept.add(samples.get((int) Math.round(i * step)));
        }
        return kept;
    }
}
