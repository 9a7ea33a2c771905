package org.heard.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The few statistics the benchmarks print: nearest-rank percentiles of samples and quantiles of a histogram. */
final class Stats {

    private Stats() {
    }

    /**
     * The nearest-rank percentile of sorted samples: the smallest sample with at least {@code p} of all samples at or
     * below it; NaN when there are none.
     */
    static double percentile(double[] sorted, double p) {
        if (p <= 0 || p > 1) {
            throw new IllegalArgumentException("p must be in (0, 1], not " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** Sorted copy of samples. */
    static double[] sorted(double[] samples) {
        double[] copy = samples.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Sorted samples given in nanoseconds, as milliseconds. */
    static double[] millis(long[] nanos, int count) {
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            ms[i] = nanos[i] / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /** Sorted samples from a list. */
    static double[] sorted(List<Double> samples) {
        double[] values = new double[samples.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = samples.get(i);
        }
        Arrays.sort(values);
        return values;
    }

    static double max(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /**
     * The quantile {@code q} of the observations a cumulative histogram gained between two scrapes (bucket upper
     * bound → cumulative count, as Prometheus exposes {@code _bucket{le=...}}): the upper bound of the first bucket that
     * holds at least {@code q} of them; +Inf when only the overflow bucket does; NaN when nothing was observed.
     */
    static double histogramQuantile(Map<Double, Double> before, Map<Double, Double> after, double q) {
        TreeMap<Double, Double> gained = new TreeMap<>();
        after.forEach((bound, count) -> gained.put(bound, count - before.getOrDefault(bound, 0.0)));
        Double total = gained.get(Double.POSITIVE_INFINITY);
        if (total == null || total <= 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Double> bucket : gained.entrySet()) {
            if (bucket.getValue() >= q * total) {
                return bucket.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
