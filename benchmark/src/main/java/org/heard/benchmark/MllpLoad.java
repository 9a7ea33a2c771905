package org.heard.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * Sends HL7 v2 ADT A01 messages (section 3, each for a new synthetic person) to a running trust gateway over MLLP
 * with HAPI's client, one message in flight per connection as MLLP has it, and reports the messages per second
 * acknowledged AA — each AA is sent only after the message is committed to PostgreSQL — with latency percentiles of
 * the measured window (after a warm-up). Any other answer is counted and reported.
 *
 * <p>{@code ./heard bench mllp [connections] [warmupSeconds] [seconds]} against {@code HEARD_MLLP_HOST}
 * (localhost) and {@code HEARD_MLLP_PORT} (2575); the sending facility is {@code HEARD_MLLP_FACILITY}
 * (HEARD_DEMO_PAS, configured in the gateway's defaults).
 */
public final class MllpLoad {

    private MllpLoad() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String host = System.getenv().getOrDefault("HEARD_MLLP_HOST", "localhost");
        int port = Integer.parseInt(System.getenv().getOrDefault("HEARD_MLLP_PORT", "2575"));
        String facility = System.getenv().getOrDefault("HEARD_MLLP_FACILITY", "HEARD_DEMO_PAS");
        String run = Long.toString(System.currentTimeMillis(), 36);

        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong others = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[connections];
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            int client = c;
            new Thread(() -> {
                HapiContext hapi = new DefaultHapiContext();
                hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
                hapi.setValidationContext(ValidationContextFactory.noValidation());
                hapi.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
                hapi.setLowerLayerProtocol(new MinLowerLayerProtocol(true));
                try {
                    Connection connection = hapi.newClient(host, port, false);
                    connection.getInitiator().setTimeout(30, TimeUnit.SECONDS);
                    long n = 0;
                    while (running.get()) {
                        String controlId = run + "-" + client + "-" + n;
                        Message message = hapi.getPipeParser().parse(a01(facility, controlId,
                                nhsNumber(client * 1_000_000L + n)));
                        long start = System.nanoTime();
                        Message ack = connection.getInitiator().sendAndReceive(message);
                        long took = System.nanoTime() - start;
                        n++;
                        if (!"AA".equals(new Terser(ack).get("/MSA-1"))) {
                            others.incrementAndGet();
                        } else if (measuring.get() && counts[client] < mine.length) {
                            mine[counts[client]++] = took;
                        }
                    }
                    connection.close();
                } catch (Exception e) {
                    System.err.println("connection " + client + " failed: " + e);
                } finally {
                    done.countDown();
                }
            }, "mllp-" + c).start();
        }
        Thread.sleep(Duration.ofSeconds(warmup).toMillis());
        measuring.set(true);
        long began = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        measuring.set(false);
        double elapsed = (System.nanoTime() - began) / 1e9;
        running.set(false);
        done.await(60, TimeUnit.SECONDS);

        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        System.out.printf("MLLP ADT^A01 to %s:%d, %d connections, %d s measured after %d s warm-up%n", host, port,
                connections, seconds, warmup);
        System.out.printf("acknowledged AA after durable storage: %d messages, %.1f messages/s%n", total,
                total / elapsed);
        if (total > 0) {
            System.out.printf("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", ms(all, 0.50), ms(all, 0.95),
                    ms(all, 0.99), all[all.length - 1] / 1e6);
        }
        System.out.printf("answers other than AA: %d%n", others.get());
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }

    /** A valid NHS number of the 999 test range for each n (skipping bodies without a check digit). */
    static String nhsNumber(long n) {
        long body = 999_000_000L + (n * 7 % 1_000_000L);
        for (;; body++) {
            String nine = Long.toString(body);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - (sum % 11);
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return nine + check;
            }
        }
    }

    static String a01(String facility, String controlId, String nhsNumber) {
        return String.join("\r",
                "MSH|^~\\&|PAS|" + facility + "|HEARD|HEARD|20260302091500||ADT^A01^ADT_A01|" + controlId
                        + "|P|2.5|||AL|NE",
                "EVN|A01|20260302091500",
                "PID|1||" + nhsNumber + "^^^NHS^NH||Load^Synthetic||19800101|M|||||||||||||||N",
                "PV1|1|I|WILLOW^^^SYNTH01||||||||||||||||V-" + controlId
                        + "|||||||||||||||||||||||||20260302091500|",
                "ZLS|1|03^^UKCORE-ENGLAND|20260302091500") + "\r";
    }
}
