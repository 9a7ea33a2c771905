package org.heard.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Initiator;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * {@code ./heard bench mllp [connections] [messages] [people]} (defaults 4, 2000, 200): the trust gateway's HL7 v2
 * intake on a running stack. {@code connections} senders, each with its own MLLP connection and HAPI's client (one
 * message in flight per connection, as MLLP has it), send ADT^A01 admissions under section 3 as the local stack's
 * synthetic trust ({@code HEARD_DEMO_PAS}) until {@code messages} have been answered, after a warm-up of a tenth as
 * many (at least 50) that is not measured. The gateway answers AA only once a message is committed to its inbox in
 * PostgreSQL (fsync and synchronous_commit on), so the rate of AA answers is the rate of durable intake; latency is
 * from handing the message to the client to its acknowledgement. The admissions are of {@code people} synthetic
 * patients in turn (NHS numbers of the 999 test range, the same in every run), so that after the first run the
 * gateway knows them all and applying its inbox afterwards costs no look-ups in case-service.
 *
 * <p>Cross-check: the run's messages are counted in the gateway's {@code inbox_message} table afterwards
 * ({@code HEARD_GATEWAY_DB_URL}, or the embedded PostgreSQL's {@code heard_gateway}); an AA without its row would
 * be an acknowledgement before storage.
 */
final class MllpLoad {

    static final String FACILITY = "HEARD_DEMO_PAS";

    /** What a run gave. */
    record Result(int connections, long measured, double seconds, double perSecond, double p50, double p95,
                  double p99, double max, long notAa, long failedConnections, long acknowledged, long storedRows,
                  long pendingAfter) {
    }

    private MllpLoad() {
    }

    static Result run(Stack stack, int connections, int messages, int people, Summary summary) throws Exception {
        String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        int warmup = Math.max(50, messages / 10);
        long total = (long) warmup + messages;
        AtomicLong next = new AtomicLong();
        AtomicLong notAa = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong firstMeasured = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastMeasured = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<HapiContext> contexts = new ArrayList<>();
        int[] counts = new int[connections];
        CountDownLatch done = new CountDownLatch(connections);
        System.out.printf("MLLP: %d connections to %s:%d, %d messages after a warm-up of %d, %d people%n", connections,
                stack.mllpHost, stack.mllpPort, messages, warmup, people);
        for (int c = 0; c < connections; c++) {
            long[] mine = new long[messages];
            latencies.add(mine);
            int client = c;
            // HAPI's contexts share one executor, which closing any of them shuts down: all are closed at the end
            HapiContext hapi = new DefaultHapiContext();
            contexts.add(hapi);
            Thread sender = new Thread(() -> {
                try {
                    hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
                    hapi.setValidationContext(ValidationContextFactory.noValidation());
                    hapi.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
                    hapi.setLowerLayerProtocol(new MinLowerLayerProtocol(true));
                    ca.uhn.hl7v2.app.Connection connection = hapi.newClient(stack.mllpHost, stack.mllpPort, false);
                    Initiator initiator = connection.getInitiator();
                    initiator.setTimeout(60, TimeUnit.SECONDS);
                    for (long n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                        String controlId = run + "-" + n;
                        Message message = hapi.getPipeParser().parse(a01(controlId, (int) (n % people)));
                        long start = System.nanoTime();
                        Message ack = initiator.sendAndReceive(message);
                        long end = System.nanoTime();
                        Terser answer = new Terser(ack);
                        boolean aa = "AA".equals(answer.get("/MSA-1")) && controlId.equals(answer.get("/MSA-2"));
                        if (!aa) {
                            notAa.incrementAndGet();
                            continue;
                        }
                        acknowledged.incrementAndGet();
                        if (n >= warmup) {
                            firstMeasured.accumulateAndGet(start, Math::min);
                            lastMeasured.accumulateAndGet(end, Math::max);
                            mine[counts[client]++] = end - start;
                        }
                    }
                    connection.close();
                } catch (Exception e) {
                    failed.incrementAndGet();
                    System.err.println("MLLP sender " + client + " failed: " + e.getClass().getSimpleName() + ": "
                            + e.getMessage());
                } finally {
                    done.countDown();
                }
            }, "mllp-sender-" + c);
            sender.start();
        }
        done.await();
        for (HapiContext hapi : contexts) {
            hapi.close();
        }

        int measured = 0;
        for (int count : counts) {
            measured += count;
        }
        long[] all = new long[measured];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        double[] ms = Stats.millis(all, measured);
        double seconds = measured == 0 ? 0 : (lastMeasured.get() - firstMeasured.get()) / 1e9;
        long[] stored = storedAndPending(stack, run);
        Result result = new Result(connections, measured, seconds, seconds == 0 ? 0 : measured / seconds,
                Stats.percentile(ms, 0.50), Stats.percentile(ms, 0.95), Stats.percentile(ms, 0.99), Stats.max(ms),
                notAa.get(), failed.get(), acknowledged.get(), stored[0], stored[1]);
        System.out.printf("trust gateway, MLLP: %d connections, %d messages AA in %.1f s: %.1f messages/s;"
                        + " ack latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %d answers other than AA;"
                        + " %d AA in all, %d inbox rows of this run, %d of the inbox not applied yet%n",
                connections, measured, seconds, result.perSecond(), result.p50(), result.p95(), result.p99(),
                result.max(), result.notAa(), result.acknowledged(), result.storedRows(), result.pendingAfter());

        String section = "mllp (" + connections + " connections)";
        summary.add(section, "messages acknowledged AA/s", result.perSecond(), "1/s",
                measured + " ADT^A01 after " + warmup + " warm-up; AA only once committed to PostgreSQL");
        summary.add(section, "ack latency p50", result.p50(), "ms", null);
        summary.add(section, "ack latency p95", result.p95(), "ms", null);
        summary.add(section, "ack latency p99", result.p99(), "ms", null);
        summary.add(section, "answers other than AA", result.notAa() + result.failedConnections(), "",
                Summary.Goal.AT_MOST, 0, result.failedConnections() + " connections failed");
        summary.add(section, "AA without an inbox row", Math.max(0, result.acknowledged() - result.storedRows()), "",
                Summary.Goal.AT_MOST, 0, "rows of this run in heard_gateway.inbox_message afterwards");
        summary.add(section, "inbox not yet applied at the end", result.pendingAfter(), "messages",
                "the worker applies the inbox after the AA, in order");
        summary.detail(section, "result", result);
        summary.detail(section, "people", people);
        summary.detail(section, "warmupMessages", warmup);
        return result;
    }

    /** Rows of this run in the gateway's inbox, and the inbox's messages not yet applied (all senders). */
    private static long[] storedAndPending(Stack stack, String run) throws SQLException {
        try (Connection db = DriverManager.getConnection(stack.gatewayDb, stack.dbUser, stack.dbPassword)) {
            long stored;
            try (PreparedStatement count = db.prepareStatement(
                    "select count(*) from inbox_message where sender = ? and message_id like ?")) {
                count.setString(1, FACILITY);
                count.setString(2, run + "-%");
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    stored = rows.getLong(1);
                }
            }
            try (PreparedStatement pending = db.prepareStatement(
                    "select count(*) from inbox_message where status = 'PENDING'");
                 ResultSet rows = pending.executeQuery()) {
                rows.next();
                return new long[] {stored, rows.getLong(1)};
            }
        }
    }

    /** A valid NHS number of the 999 test range for each person (skipping bodies without a check digit). */
    static String nhsNumber(int person) {
        for (long body = 999_000_000L + person * 7L; ; body++) {
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

    /** An admission under section 3 (Heard's ZLS segment), the person's stay the same in every message of theirs. */
    static String a01(String controlId, int person) {
        return String.join("\r",
                "MSH|^~\\&|PAS|" + FACILITY + "|HEARD|HEARD|20260302091500||ADT^A01^ADT_A01|" + controlId
                        + "|P|2.5|||AL|NE",
                "EVN|A01|20260302091500",
                "PID|1||" + nhsNumber(person) + "^^^NHS^NH||Load^Synthetic||19800101|M|||||||||||||||N",
                "PV1|1|I|WILLOW^^^SYNTH01||||||||||||||||BENCH-" + person
                        + "|||||||||||||||||||||||||20260302091500|",
                "ZLS|1|03^^UKCORE-ENGLAND|20260302091500") + "\r";
    }
}
