package org.heard.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.heard.deploy.LocalKeys;

/**
 * Drives case-service over HTTP with concurrent clients, each working cases as an advocate would: refer, accept,
 * assign, first contact, raise an issue, record involvement, close — seven commands per case, each one HTTP request
 * that returns only after the event is stored. Reports commands per second and latency percentiles of the measured
 * window (after a warm-up).
 *
 * <p>Run against a running local stack: {@code ./heard bench [clients] [warmupSeconds] [seconds]}.
 */
public final class CaseCommandLoad {

    private static final Pattern ID = Pattern.compile("\"caseId\":\"([^\"]+)\"");
    private static final Pattern PERSON_ID = Pattern.compile("\"personId\":\"([^\"]+)\"");

    private CaseCommandLoad() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String base = System.getenv().getOrDefault("HEARD_CASE_URL",
                "http://localhost:" + System.getenv().getOrDefault("HEARD_CASE_PORT", "8081"));
        Path home = Path.of(System.getenv().getOrDefault("HEARD_HOME", ".heard"));
        String advocate = "bench-advocate";
        String token = new LocalKeys(home).token("advocate", advocate, null, Duration.ofHours(1));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        // HEARD_BENCH_IDEMPOTENCY_KEYS=true: every command carries an Idempotency-Key (one transaction per request)
        boolean withKeys = Boolean.parseBoolean(System.getenv("HEARD_BENCH_IDEMPOTENCY_KEYS"));

        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[200_000];
            latencies.add(mine);
            int client = c;
            new Thread(() -> {
                try {
                    // a referral names a registered person: each client refers one person of its own, case after case
                    Matcher person = PERSON_ID.matcher(http.send(HttpRequest.newBuilder(
                                    URI.create(base + "/api/persons"))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bench Synthetic\"}")).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    if (!person.find()) {
                        throw new IllegalStateException("registration failed");
                    }
                    String personId = person.group(1);
                    while (running.get()) {
                        String caseId = null;
                        for (int step = 0; step < 7 && running.get(); step++) {
                            String path;
                            String body;
                            switch (step) {
                                case 0 -> {
                                    path = "/api/cases";
                                    body = "{\"personId\":\"" + personId + "\",\"advocacyType\":\"IMHA\","
                                            + "\"referralSource\":\"TRUST_FEED\",\"referredOn\":\"" + today + "\"}";
                                }
                                case 1 -> {
                                    path = "/api/cases/" + caseId + "/acceptance";
                                    body = "{\"on\":\"" + today + "\"}";
                                }
                                case 2 -> {
                                    path = "/api/cases/" + caseId + "/advocate";
                                    body = "{\"advocateId\":\"" + advocate + "\"}";
                                }
                                case 3 -> {
                                    path = "/api/cases/" + caseId + "/first-contact";
                                    body = "{\"contactOn\":\"" + today + "\",\"mode\":\"IN_PERSON\"}";
                                }
                                case 4 -> {
                                    path = "/api/cases/" + caseId + "/issues";
                                    body = "{\"category\":\"LEAVE\",\"description\":\"synthetic words\",\"raisedOn\":\""
                                            + today + "\"}";
                                }
                                case 5 -> {
                                    path = "/api/cases/" + caseId + "/involvements";
                                    body = "{\"forum\":\"WARD_ROUND\",\"heldOn\":\"" + today + "\",\"participation\":"
                                            + "\"SPOKE_FOR_THEMSELVES_WITH_SUPPORT\",\"viewsTakenIntoAccount\":\"YES\","
                                            + "\"advocateMinutes\":30}";
                                }
                                default -> {
                                    path = "/api/cases/" + caseId + "/close";
                                    body = "{\"reason\":\"GOALS_MET\",\"closedOn\":\"" + today + "\"}";
                                }
                            }
                            long start = System.nanoTime();
                            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.ofString(body));
                            if (withKeys) {
                                request.header("Idempotency-Key", UUID.randomUUID().toString());
                            }
                            HttpResponse<String> response = http.send(request.build(),
                                    HttpResponse.BodyHandlers.ofString());
                            long took = System.nanoTime() - start;
                            if (response.statusCode() >= 300) {
                                errors.incrementAndGet();
                                break;
                            }
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
            }, "client-" + c).start();
        }
        System.out.printf("warming up %d s with %d clients against %s%n", warmup, clients, base);
        Thread.sleep(warmup * 1000L);
        measuring.set(true);
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - started) / 1e9;
        running.set(false);
        done.await();

        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        System.out.printf("case-service%s: %d clients, %.0f s measured: %d commands, %.0f commands/s;"
                        + " latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d errors%n",
                withKeys ? " (Idempotency-Key on every command)" : "", clients, elapsed, total, total / elapsed,
                percentile(all, 0.50), percentile(all, 0.99),
                total == 0 ? 0 : all[total - 1] / 1e6, errors.get());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
