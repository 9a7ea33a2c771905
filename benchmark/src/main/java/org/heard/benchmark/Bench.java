package org.heard.benchmark;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The end-to-end benchmark of issue 15 against a running local stack, mode by mode or all in sequence; every mode
 * ends with the summary table and writes it as JSON to {@code HEARD_HOME/bench/summary-<time>.json}.
 * <ul>
 * <li>{@code all [clients] [drain-events] [freshness-seconds] [rates]} (defaults 32 100000 60 200,500): footprint and
 * time to ready, command load (15 s warm-up, 30 s measured), drain of a backlog with the broker paused, freshness at
 * each rate (commands/s), the footprint again after the load;</li>
 * <li>{@code drain [events] [clients] [broker|none]} ({@link OutboxDrain});</li>
 * <li>{@code freshness [rate] [seconds] [probe-every] [poll-ms]} ({@link Freshness});</li>
 * <li>{@code footprint} ({@link Footprint});</li>
 * <li>{@code mllp [connections] [messages] [people]} (defaults 4 2000 200): the trust gateway's HL7 v2 intake over
 * MLLP, messages/s acknowledged AA after durable storage and ack latency ({@link MllpLoad}).</li>
 * </ul>
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Stack stack = new Stack(System.getenv());
        Summary summary = new Summary();
        try {
            switch (args[0]) {
                case "all" -> all(stack, summary, rest);
                case "drain" -> OutboxDrain.run(stack, arg(rest, 0, 100_000), arg(rest, 1, 32),
                        !(rest.length > 2 && rest[2].equals("none")), null, summary);
                case "freshness" -> Freshness.run(stack, arg(rest, 0, 500), arg(rest, 1, 60), arg(rest, 2, 20),
                        arg(rest, 3, 50), summary);
                case "footprint" -> Footprint.run(stack, summary, "footprint", true);
                case "mllp" -> MllpLoad.run(stack, arg(rest, 0, 4), arg(rest, 1, 2000), arg(rest, 2, 200),
                        summary);
                default -> usage();
            }
        } finally {
            if (!summary.figures().isEmpty()) {
                summary.print(System.out);
                Path file = summary.write(stack.home, stack.context());
                System.out.println("summary written to " + file);
                System.out.println("(figures measured on a machine busy with anything else are smoke tests only)");
            }
        }
    }

    private static void all(Stack stack, Summary summary, String[] args) throws Exception {
        int clients = arg(args, 0, 32);
        int drainEvents = arg(args, 1, 100_000);
        int freshnessSeconds = arg(args, 2, 60);
        String[] rates = (args.length > 3 ? args[3] : "200,500").split(",");
        // footprint first, while nothing but the stack runs; then the load; the footprint again after it
        Footprint.run(stack, summary, "footprint", true);
        CaseCommandLoad.Result commands = CaseCommandLoad.run(stack, clients, 15, 30, summary);
        OutboxDrain.run(stack, drainEvents, clients, true, commands.perSecond(), summary);
        for (String rate : rates) {
            Freshness.run(stack, Integer.parseInt(rate.trim()), freshnessSeconds, 20, 50, summary);
        }
        Footprint.run(stack, summary, "footprint after the load", false);
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    private static void usage() {
        System.err.println("usage: heard bench all [clients] [drain-events] [freshness-seconds] [rates]"
                + " | drain [events] [clients] [broker|none] | freshness [rate] [seconds] [probe-every] [poll-ms]"
                + " | footprint | mllp [connections] [messages] [people]");
        System.exit(2);
    }
}
