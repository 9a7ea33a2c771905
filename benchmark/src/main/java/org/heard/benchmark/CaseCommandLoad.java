package org.heard.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives case-service over HTTP with concurrent clients, each working cases as an advocate would (the seven commands
 * of a {@link CaseJourney}, each one HTTP request that returns only after the event is stored), as fast as it is
 * answered. Reports commands per second and latency percentiles of the measured window (after a warm-up).
 *
 * <p>Run against a running local stack: {@code ./heard bench [clients] [warmupSeconds] [seconds]}.
 */
public final class CaseCommandLoad {

    private static final Pattern ID = Pattern.compile("\"caseId\":\"([^\"]+)\"");
    private static final Pattern PERSON_ID = Pattern.compile("\"personId\":\"([^\"]+)\"");
    static final String ADVOCATE = "bench-advocate";

    /** What a measured window gave. */
    record Result(int clients, double seconds, int commands, double perSecond, double p50, double p99, double max,
                  long errors) {
    }

    private final String base;
    private final String token;
    private final int clients;
    private final boolean withKeys;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final List<long[]> latencies = new ArrayList<>();
    private final int[] counts;
    private final CountDownLatch done;
    private long measureStarted;
    private double measuredSeconds;

    CaseCommandLoad(Stack stack, int clients) {
        this.base = stack.caseUrl;
        this.token = stack.token("advocate", ADVOCATE, null);
        this.clients = clients;
        // HEARD_BENCH_IDEMPOTENCY_KEYS=true: every command carries an Idempotency-Key (one transaction per request)
        this.withKeys = Boolean.parseBoolean(System.getenv("HEARD_BENCH_IDEMPOTENCY_KEYS"));
        this.counts = new int[clients];
        this.done = new CountDownLatch(clients);
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Stack stack = new Stack(System.getenv());
        Summary summary = new Summary();
        run(stack, clients, warmup, seconds, summary);
        summary.print(System.out);
        System.out.println("summary: " + summary.write(stack.home, stack.context()));
    }

    /** A warm-up, then a measured window; prints the result and adds it to the summary. */
    static Result run(Stack stack, int clients, int warmup, int seconds, Summary summary) throws Exception {
        CaseCommandLoad load = new CaseCommandLoad(stack, clients);
        load.start();
        System.out.printf("warming up %d s with %d clients against %s%n", warmup, clients, stack.caseUrl);
        Thread.sleep(warmup * 1000L);
        load.measure(true);
        Thread.sleep(seconds * 1000L);
        load.measure(false);
        Result result = load.stop();
        System.out.printf("case-service%s: %d clients, %.0f s measured: %d commands, %.0f commands/s;"
                        + " latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d errors%n",
                load.withKeys ? " (Idempotency-Key on every command)" : "", clients, result.seconds(),
                result.commands(), result.perSecond(), result.p50(), result.p99(), result.max(), result.errors());
        String section = "commands (" + clients + " clients)";
        summary.add(section, "accepted commands/s", result.perSecond(), "1/s", Summary.Goal.AT_LEAST, 2000,
                "closed loop, " + seconds + " s after " + warmup + " s warm-up");
        summary.add(section, "latency p50", result.p50(), "ms", null);
        summary.add(section, "latency p99", result.p99(), "ms", Summary.Goal.AT_MOST, 50, null);
        summary.add(section, "errors", result.errors(), "", Summary.Goal.AT_MOST, 0, null);
        summary.detail(section, "result", result);
        return result;
    }

    /** Starts the clients; they run until {@link #stop}. */
    void start() {
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[200_000];
            latencies.add(mine);
            int client = c;
            new Thread(() -> work(client, mine), "client-" + c).start();
        }
    }

    /** Commands answered 2xx so far (measured or not). */
    long accepted() {
        return accepted.get();
    }

    long errors() {
        return errors.get();
    }

    void measure(boolean on) {
        if (on) {
            measureStarted = System.nanoTime();
        } else {
            measuredSeconds += (System.nanoTime() - measureStarted) / 1e9;
        }
        measuring.set(on);
    }

    /** Stops the clients (each finishes its request) and gives the measured window's figures. */
    Result stop() throws InterruptedException {
        if (measuring.get()) {
            measure(false);
        }
        running.set(false);
        done.await();
        int total = 0;
        for (int count : counts) {
            total += count;
        }
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        double[] ms = Stats.millis(all, total);
        return new Result(clients, measuredSeconds, total, measuredSeconds == 0 ? 0 : total / measuredSeconds,
                Stats.percentile(ms, 0.50), Stats.percentile(ms, 0.99), Stats.max(ms), errors.get());
    }

    private void work(int client, long[] mine) {
        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        try {
            // a referral names a registered person: each client refers one person of its own, case after case
            Matcher person = PERSON_ID.matcher(send(CaseJourney.registration()).body());
            if (!person.find()) {
                throw new IllegalStateException("registration failed");
            }
            String personId = person.group(1);
            while (running.get()) {
                String caseId = null;
                for (int step = 0; step < CaseJourney.STEPS && running.get(); step++) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = send(CaseJourney.step(step, personId, caseId, ADVOCATE, today));
                    long took = System.nanoTime() - start;
                    if (response.statusCode() >= 300) {
                        errors.incrementAndGet();
                        break;
                    }
                    accepted.incrementAndGet();
                    if (step == 0) {
                        Matcher m = ID.matcher(response.body());
                        if (!m.find()) {
                            errors.incrementAndGet();
                            break;
                        }
                        caseId = m.group(1);
                    }
                    if (measuring.get() && counts[client] < mine.length) {
                        mine[counts[client]++] = took;
                    }
                }
            }
        } catch (Exception e) {
            errors.incrementAndGet();
        } finally {
            done.countDown();
        }
    }

    private HttpResponse<String> send(CaseJourney.Command command) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + command.path()))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(command.body()));
        if (withKeys) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
