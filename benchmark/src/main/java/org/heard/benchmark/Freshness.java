package org.heard.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Freshness from the command: case-service is given {@code rate} commands per second over HTTP for {@code seconds},
 * open loop (command i is due at start + i / rate whatever the answers before it; its latency is counted from when it
 * was due, so a slow answer shows as latency, not as a lower rate). Commands come from journeys (register a person,
 * then the seven case commands of {@link CaseJourney}); a journey has one command in flight at a time and new
 * journeys start as needed.
 *
 * <p>Every {@code probeEvery}-th journey is a probe: after each of its commands is answered 2xx, its person's
 * timeline on reporting-service ({@code GET /api/persons/{id}/timeline}, with a service-user token of that person) is
 * polled every {@code pollMs} until it holds the event the command stored (its type, on its aggregate). The time from
 * the 2xx to the poll answer that shows it is the freshness of that command, an upper bound by at most one poll
 * interval. Probing is sampled because every timeline read is a personal-data read, audited durably to Kafka, and
 * polling every command would load the stack more than the commands do. As a second signal over every event,
 * reporting-service's own {@code heard_reporting_projection_delay_seconds} histogram (event time, stamped when the
 * command handler applied it, to committed in the projections) is diffed over the run. During the run the outbox
 * backlog (PostgreSQL) and reporting-service's consumer lag ({@code /api/operations/streams}) are sampled.
 *
 * <p>{@code ./heard bench freshness [rate] [seconds] [probe-every] [poll-ms]} (defaults 500 60 20 50).
 */
final class Freshness {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CASE_ID = Pattern.compile("\"caseId\":\"([^\"]+)\"");
    private static final Pattern PERSON_ID = Pattern.compile("\"personId\":\"([^\"]+)\"");
    private static final int MAX_IN_FLIGHT = 2000;

    /** An acknowledged command of a probe whose effect is not yet seen. */
    private record Effect(String type, String aggregateId, long acknowledged) {
    }

    private final class Journey {
        final int number;
        final boolean probe;
        volatile String personId;
        volatile String caseId;
        volatile String token;
        volatile int step = -1; // -1: registration next
        final ConcurrentLinkedQueue<Effect> pending = new ConcurrentLinkedQueue<>();
        final AtomicBoolean polling = new AtomicBoolean();
        volatile long lastPoll;

        Journey(int number) {
            this.number = number;
            this.probe = number % probeEvery == 0;
        }
    }

    private final Stack stack;
    private final int rate;
    private final int seconds;
    private final int probeEvery;
    private final long pollNanos;
    private final String advocateToken;
    private final String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ConcurrentLinkedDeque<Journey> idle = new ConcurrentLinkedDeque<>();
    private final List<Journey> probes = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Double> freshness = new ConcurrentLinkedQueue<>();
    private final AtomicInteger journeys = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong notSent = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicBoolean pollersRunning = new AtomicBoolean(true);

    private Freshness(Stack stack, int rate, int seconds, int probeEvery, int pollMs) {
        this.stack = stack;
        this.rate = rate;
        this.seconds = seconds;
        this.probeEvery = Math.max(1, probeEvery);
        this.pollNanos = pollMs * 1_000_000L;
        this.advocateToken = stack.token("advocate", CaseCommandLoad.ADVOCATE, null);
    }

    record Sample(double at, long outboxBacklog, Long lagRecords, Double lagSeconds) {
    }

    static void run(Stack stack, int rate, int seconds, int probeEvery, int pollMs, Summary summary) throws Exception {
        new Freshness(stack, rate, seconds, probeEvery, pollMs).run(summary);
    }

    private void run(Summary summary) throws Exception {
        String section = "freshness @ " + rate + "/s";
        stack.awaitQuiet(Duration.ofMinutes(10));
        Map<Double, Double> histogramBefore = histogram();
        List<Thread> pollers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread poller = new Thread(this::poll, "poller-" + i);
            poller.setDaemon(true);
            poller.start();
            pollers.add(poller);
        }
        List<Sample> samples = new CopyOnWriteArrayList<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        long start = System.nanoTime();
        Thread sampler = new Thread(() -> sample(start, samples, sampling), "sampler");
        sampler.setDaemon(true);
        sampler.start();

        System.out.printf("freshness: %d commands/s for %d s, open loop, 1 in %d journeys probed%n", rate, seconds,
                probeEvery);
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                notSent.incrementAndGet();
                continue;
            }
            Journey journey = idle.pollFirst();
            if (journey == null) {
                journey = new Journey(journeys.getAndIncrement());
                if (journey.probe) {
                    probes.add(journey);
                }
            }
            send(journey, due);
        }
        double window = (System.nanoTime() - start) / 1e9;
        long drainStart = System.nanoTime();
        while (inFlight.get() > 0 && System.nanoTime() - drainStart < 60e9) {
            Thread.sleep(20);
        }
        // every probe effect seen, or a minute more
        long waitStart = System.nanoTime();
        while (pendingEffects() > 0 && System.nanoTime() - waitStart < 60e9) {
            Thread.sleep(50);
        }
        double tail = (System.nanoTime() - waitStart) / 1e9;
        int unseen = pendingEffects();
        pollersRunning.set(false);
        sampling.set(false);
        for (Thread poller : pollers) {
            poller.join(10_000);
        }
        sampler.join(10_000);
        Map<Double, Double> histogramAfter = histogram();

        double[] fresh = Stats.sorted(new ArrayList<>(freshness));
        double[] latency = Stats.sorted(new ArrayList<>(latencies));
        double p50 = Stats.percentile(fresh, 0.50);
        double p95 = Stats.percentile(fresh, 0.95);
        double p99 = unseen > 0 ? Double.POSITIVE_INFINITY : Stats.percentile(fresh, 0.99);
        double h50 = Stats.histogramQuantile(histogramBefore, histogramAfter, 0.50);
        double h95 = Stats.histogramQuantile(histogramBefore, histogramAfter, 0.95);
        double h99 = Stats.histogramQuantile(histogramBefore, histogramAfter, 0.99);
        long maxBacklog = samples.stream().mapToLong(Sample::outboxBacklog).max().orElse(-1);
        double meanBacklog = samples.stream().mapToLong(Sample::outboxBacklog).average().orElse(Double.NaN);
        long maxLag = samples.stream().filter(s -> s.lagRecords() != null).mapToLong(Sample::lagRecords).max()
                .orElse(-1);
        double maxLagSeconds = samples.stream().filter(s -> s.lagSeconds() != null).mapToDouble(Sample::lagSeconds)
                .max().orElse(Double.NaN);

        System.out.printf("FRESHNESS at %d commands/s for %d s: %,d sent (%.0f/s), %,d accepted, %,d errors,"
                        + " %,d not sent (over %d in flight); command latency p50 %.1f ms, p99 %.1f ms%n", rate,
                seconds, sent.get(), sent.get() / window, accepted.get(), errors.get(), notSent.get(), MAX_IN_FLIGHT,
                Stats.percentile(latency, 0.5), Stats.percentile(latency, 0.99));
        System.out.printf("  2xx to visible on the timeline (%,d probed commands, %,d timeline reads, poll %d ms):"
                        + " p50 %.0f ms, p95 %.0f ms, p99 %s ms%s%n", fresh.length, polls.get(), pollNanos / 1_000_000,
                p50, p95, Summary.number(p99), unseen > 0 ? "; " + unseen + " not visible within 60 s" : "");
        System.out.printf("  event time to projection, every event (histogram bucket bounds): p50 <= %s s,"
                        + " p95 <= %s s, p99 <= %s s%n", Summary.number(h50), Summary.number(h95),
                Summary.number(h99));
        System.out.printf("  outbox backlog max %,d (mean %.0f); consumer lag max %,d records, %.1f s;"
                + " %.1f s after the window until every probe was visible%n", maxBacklog, meanBacklog, maxLag,
                maxLagSeconds, tail);

        summary.add(section, "commands sent/s", sent.get() / window, "1/s", Summary.Goal.AT_LEAST, rate,
                notSent.get() > 0 ? notSent.get() + " not sent (in-flight cap)" : "open loop");
        summary.add(section, "command errors", errors.get(), "", Summary.Goal.AT_MOST, 0, null);
        summary.add(section, "command latency p99", Stats.percentile(latency, 0.99), "ms",
                "from when it was due (open loop)");
        summary.add(section, "freshness p50", p50, "ms", fresh.length + " probed commands");
        summary.add(section, "freshness p95", p95, "ms", null);
        if (rate >= 500) {
            summary.add(section, "freshness p99", p99, "ms", Summary.Goal.AT_MOST, 1000,
                    "2xx to visible on the timeline, upper bound (+" + pollNanos / 1_000_000 + " ms poll)");
        } else {
            summary.add(section, "freshness p99", p99, "ms",
                    "2xx to visible on the timeline, upper bound (+" + pollNanos / 1_000_000 + " ms poll)");
        }
        summary.add(section, "projection delay p99 (hist.)", h99 * 1000, "ms",
                "every event: event time to projection, bucket bound");
        summary.add(section, "outbox backlog max", maxBacklog, "events", "sampled every 1 s");
        summary.add(section, "consumer lag max", maxLag, "records",
                String.format("%.1f s oldest; sampled every 5 s", maxLagSeconds));
        summary.detail(section, "sent", sent.get());
        summary.detail(section, "accepted", accepted.get());
        summary.detail(section, "notSent", notSent.get());
        summary.detail(section, "journeys", journeys.get());
        summary.detail(section, "timelineReads", polls.get());
        summary.detail(section, "unseen", unseen);
        summary.detail(section, "latencyP50Ms", Stats.percentile(latency, 0.5));
        summary.detail(section, "freshnessMaxMs", Stats.max(fresh));
        summary.detail(section, "histogramP50s", h50);
        summary.detail(section, "histogramP95s", h95);
        summary.detail(section, "meanOutboxBacklog", meanBacklog);
        summary.detail(section, "samples", OutboxDrain.thin(samples, 200));
    }

    private int pendingEffects() {
        int count = 0;
        for (Journey journey : probes) {
            count += journey.pending.size();
        }
        return count;
    }

    private void send(Journey journey, long due) {
        CaseJourney.Command command = journey.step < 0 ? CaseJourney.registration()
                : CaseJourney.step(journey.step, journey.personId, journey.caseId, CaseCommandLoad.ADVOCATE, today);
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.caseUrl + command.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + advocateToken)
                .POST(HttpRequest.BodyPublishers.ofString(command.body())).build();
        inFlight.incrementAndGet();
        sent.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long answered = System.nanoTime();
            try {
                if (failure != null || response.statusCode() >= 300) {
                    errors.incrementAndGet();
                    return; // the journey ends here
                }
                latencies.add((answered - due) / 1e6);
                accepted.incrementAndGet();
                String aggregate = journey.step < 0 ? id(PERSON_ID, response.body()) : journey.caseId;
                if (journey.step < 0) {
                    journey.personId = aggregate;
                    if (journey.probe) {
                        journey.token = stack.token("service-user", "bench-person-" + journey.number,
                                journey.personId);
                    }
                } else if (journey.step == 0) {
                    journey.caseId = id(CASE_ID, response.body());
                    aggregate = journey.caseId;
                }
                if (journey.probe) {
                    journey.pending.add(new Effect(command.stores().type(), aggregate, answered));
                }
                journey.step++;
                if (journey.step < CaseJourney.STEPS) {
                    idle.addLast(journey);
                }
            } catch (RuntimeException e) {
                errors.incrementAndGet();
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private static String id(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in the answer");
        }
        return m.group(1);
    }

    /** Polls the timelines of probes with an effect not yet seen, each at most once per poll interval. */
    private void poll() {
        while (pollersRunning.get()) {
            boolean any = false;
            for (Journey journey : probes) {
                if (journey.pending.isEmpty() || journey.token == null
                        || System.nanoTime() - journey.lastPoll < pollNanos || !journey.polling.compareAndSet(false, true)) {
                    continue;
                }
                any = true;
                try {
                    HttpResponse<String> response = stack.get(stack.reportingUrl + "/api/persons/" + journey.personId
                            + "/timeline", journey.token);
                    long answered = System.nanoTime();
                    journey.lastPoll = answered;
                    polls.incrementAndGet();
                    if (response.statusCode() == 200) {
                        Set<String> seen = new HashSet<>();
                        for (JsonNode entry : JSON.readTree(response.body()).path("entries")) {
                            seen.add(entry.path("type").asString() + "/" + entry.path("aggregateId").asString());
                        }
                        journey.pending.removeIf(effect -> {
                            if (seen.contains(effect.type() + "/" + effect.aggregateId())
                                    && answered >= effect.acknowledged()) {
                                freshness.add((answered - effect.acknowledged()) / 1e6);
                                return true;
                            }
                            return false;
                        });
                    }
                } catch (Exception e) {
                    journey.lastPoll = System.nanoTime();
                } finally {
                    journey.polling.set(false);
                }
            }
            if (!any) {
                LockSupport.parkNanos(2_000_000);
            }
        }
    }

    private void sample(long start, List<Sample> samples, AtomicBoolean sampling) {
        try (Connection db = stack.database()) {
            long nextLag = 0;
            while (sampling.get()) {
                long now = System.nanoTime();
                Long lagRecords = null;
                Double lagSeconds = null;
                if (now >= nextLag) {
                    try {
                        Stack.Lag lag = stack.lag();
                        lagRecords = lag.records();
                        lagSeconds = lag.seconds();
                    } catch (Exception e) {
                        // sampled again in 5 s
                    }
                    nextLag = now + 5_000_000_000L; // the endpoint works it out at most every 5 s
                }
                samples.add(new Sample((now - start) / 1e9, stack.outbox(db).backlog(), lagRecords, lagSeconds));
                Thread.sleep(1000);
            }
        } catch (Exception e) {
            System.out.println("  sampling stopped: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Map<Double, Double> histogram() {
        try {
            return stack.histogram(stack.reportingUrl, "heard_reporting_projection_delay_seconds");
        } catch (Exception e) {
            return Map.of();
        }
    }
}
