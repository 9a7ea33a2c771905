package org.heard.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack's footprint: the resident memory of every one of its processes ({@code VmRSS} and {@code Pss} of
 * {@code /proc/<pid>/status} and {@code smaps_rollup}; PostgreSQL's postmaster and backends summed, as one), found
 * from the pid files under {@code HEARD_HOME/run} and {@code HEARD_HOME/postgres/postmaster.pid}; and the time the
 * launcher took to be ready, from the last "ready in … s" line it wrote to {@code HEARD_HOME/logs/launcher.log}.
 * The RSS sum counts pages shared between processes (PostgreSQL's shared buffers, the JVMs' class data) once per
 * process, so it overstates the whole; PSS shares them out and is what the machine really gives the stack. The target
 * (≤ 2.5 GB) is held against the RSS sum, the stricter of the two.
 *
 * <p>{@code ./heard bench footprint}.
 */
final class Footprint {

    private static final Pattern READY = Pattern.compile("ready in ([0-9.]+) s");
    /** 2.5 GB in MiB. */
    static final double TARGET_MIB = 2.5e9 / (1024 * 1024);

    private Footprint() {
    }

    /** Every process's memory; with {@code withReady} also the time to ready. */
    static void run(Stack stack, Summary summary, String section, boolean withReady) throws IOException {
        Map<String, long[]> byName = new LinkedHashMap<>(); // name → {rss kB, pss kB, processes}
        List<Stack.Proc> processes = stack.processes();
        if (processes.isEmpty()) {
            throw new IllegalStateException("no process of a stack found under " + stack.home + "/run: is it running?");
        }
        for (Stack.Proc process : processes) {
            long rss = kilobytes(Path.of("/proc", Long.toString(process.pid()), "status"), "VmRSS:");
            long pss = kilobytes(Path.of("/proc", Long.toString(process.pid()), "smaps_rollup"), "Pss:");
            long[] sums = byName.computeIfAbsent(process.name(), n -> new long[3]);
            sums[0] += Math.max(0, rss);
            sums[1] += Math.max(0, pss);
            sums[2]++;
        }
        long rssTotal = 0;
        long pssTotal = 0;
        System.out.println("footprint of the stack in " + stack.home + ":");
        for (Map.Entry<String, long[]> entry : byName.entrySet()) {
            long[] sums = entry.getValue();
            rssTotal += sums[0];
            pssTotal += sums[1];
            String name = label(entry.getKey());
            System.out.printf("  %-22s %3d process%s  RSS %7.1f MiB  PSS %7.1f MiB%n", name, sums[2],
                    sums[2] == 1 ? "  " : "es", sums[0] / 1024.0, sums[1] / 1024.0);
            summary.add(section, "RSS " + name, sums[0] / 1024.0, "MiB",
                    sums[2] > 1 ? sums[2] + " processes summed" : null);
            summary.detail(section, entry.getKey(), Map.of("rssKiB", sums[0], "pssKiB", sums[1], "processes", sums[2]));
        }
        System.out.printf("  %-22s RSS %.1f MiB, PSS %.1f MiB (target: <= %.0f MiB = 2.5 GB)%n", "whole stack",
                rssTotal / 1024.0, pssTotal / 1024.0, TARGET_MIB);
        for (String expected : List.of("launcher", "kafka", "postgres", "case", "outcome", "reporting", "gateway")) {
            if (!byName.containsKey(expected)) {
                System.out.println("  (no " + label(expected) + " process found: the total leaves it out)");
                summary.detail(section, "missing-" + expected, true);
            }
        }
        summary.add(section, "RSS whole stack", rssTotal / 1024.0, "MiB", Summary.Goal.AT_MOST, TARGET_MIB,
                "sum of VmRSS (shared pages counted per process)");
        summary.add(section, "PSS whole stack", pssTotal / 1024.0, "MiB", "shared pages shared out");

        if (!withReady) {
            return;
        }
        double ready = readySeconds(stack.home);
        if (Double.isNaN(ready)) {
            System.out.println("  time to ready: no 'ready in' line in " + stack.home.resolve("logs/launcher.log"));
        } else {
            System.out.printf("  time to ready (the launcher's last start): %.1f s (target <= 30 s)%n", ready);
        }
        summary.add(section, "time to ready", ready, "s", Summary.Goal.AT_MOST, 30,
                "launcher's last start, from logs/launcher.log");
    }

    private static String label(String name) {
        return switch (name) {
            case "launcher" -> "launcher (+MongoDB)";
            case "kafka" -> "Kafka broker";
            case "postgres" -> "PostgreSQL";
            case "case", "outcome", "reporting" -> name + "-service";
            case "gateway" -> "trust-gateway";
            default -> name;
        };
    }

    /** A {@code Name:  123 kB} line of a /proc file, in kB; -1 if absent or unreadable. */
    static long kilobytes(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended, or no such file on this kernel
        }
        return -1;
    }

    /**
     * The seconds of the last "ready in … s" line of the launcher's log, or of the file named by
     * {@code HEARD_BENCH_LAUNCHER_OUTPUT} (the output of {@code ./heard up} captured, for a launcher older than its
     * log); NaN when there is none.
     */
    static double readySeconds(Path home) {
        double fromLog = lastReady(home.resolve("logs/launcher.log"));
        String captured = System.getenv("HEARD_BENCH_LAUNCHER_OUTPUT");
        return Double.isNaN(fromLog) && captured != null ? lastReady(Path.of(captured)) : fromLog;
    }

    private static double lastReady(Path log) {
        try {
            double last = Double.NaN;
            for (String line : Files.readAllLines(log)) {
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    last = Double.parseDouble(m.group(1));
                }
            }
            return last;
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
