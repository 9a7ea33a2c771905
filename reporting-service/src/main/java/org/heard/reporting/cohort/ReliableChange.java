package org.heard.reporting.cohort;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.heard.contracts.outcomes.ReliableChangeBasis;
import org.heard.reporting.framework.FrameworkVersion;

/**
 * The reliable change index of one framework version (Jacobson &amp; Truax, 1991, <i>Journal of Consulting and Clinical
 * Psychology</i> 59(1)): a change of a person's total score from baseline is <b>reliable</b> when it exceeds what
 * measurement error alone would give 95% of the time,
 * <pre>  threshold = 1.96 × S_diff,  S_diff = √2 × SE,  SE = SD × √(1 − r)</pre>
 * with SD the spread of the total in a reference population and r the reliability of the total. A rise beyond the
 * threshold is reliable improvement (a fall, when the version says lower scores are better), a fall beyond it reliable
 * deterioration, anything within it no reliable change.
 *
 * <p>SD and r come from the version's publication ({@link Method#DECLARED}), or, where a deployment chooses, are
 * estimated from the version's baseline readings in this deployment ({@link Method#ESTIMATED}: SD of the baseline
 * totals, Cronbach's α of the baseline item responses, each with its n). Otherwise reliable change is not available
 * for the version and no one's change is classified.
 *
 * @param n         for an estimate, the baseline readings it is made from; 0 when declared
 * @param threshold the least change that is reliable, in score points; null when not available
 * @param reason    why it is not available; null otherwise
 */
public record ReliableChange(String frameworkId, int version, Method method, Double standardDeviation,
                             Double reliability, String reliabilityCoefficient, boolean increaseIsImprovement,
                             String source, long n, Double threshold, String reason) {

    /** The z value of a two-sided 95% interval. */
    public static final double Z95 = 1.96;
    /** The fewest baseline readings an estimate is made from. */
    public static final int MINIMUM_ESTIMATE_N = 30;

    /** Where SD and reliability come from. */
    public enum Method { DECLARED, ESTIMATED, NOT_AVAILABLE }

    /** What a person's change comes to. */
    public enum Category { RELIABLE_IMPROVEMENT, NO_RELIABLE_CHANGE, RELIABLE_DETERIORATION }

    /** 1.96 × SD × √2 × √(1 − r). */
    public static double threshold(double standardDeviation, double reliability) {
        return Z95 * standardDeviation * Math.sqrt(2) * Math.sqrt(1 - reliability);
    }

    public boolean available() {
        return threshold != null;
    }

    /** The category of a change of the total from baseline; null when reliable change is not available. */
    public Category classify(BigDecimal change) {
        if (threshold == null) {
            return null;
        }
        double signed = increaseIsImprovement ? change.doubleValue() : -change.doubleValue();
        if (signed > threshold) {
            return Category.RELIABLE_IMPROVEMENT;
        }
        if (-signed > threshold) {
            return Category.RELIABLE_DETERIORATION;
        }
        return Category.NO_RELIABLE_CHANGE;
    }

    /** The basis a published version declares. */
    public static ReliableChange declared(String frameworkId, int version, ReliableChangeBasis basis) {
        double sd = basis.standardDeviation().doubleValue();
        double r = basis.reliability().doubleValue();
        return new ReliableChange(frameworkId, version, Method.DECLARED, sd, r, basis.reliabilityCoefficient().name(),
                basis.improvement() != ReliableChangeBasis.ImprovementDirection.DECREASE, basis.source(), 0,
                threshold(sd, r), null);
    }

    public static ReliableChange notAvailable(String frameworkId, int version, String reason) {
        return new ReliableChange(frameworkId, version, Method.NOT_AVAILABLE, null, null, null, true, null, 0, null,
                reason);
    }

    /**
     * An estimate from baseline readings of one version: SD of their totals (n − 1 in the denominator) and Cronbach's
     * α of their item responses, α = k/(k − 1) × (1 − Σ var(item) / var(sum of items)), over the readings that answer
     * every item (items turned round where the version reverse-scores them). Higher totals are taken as improvement.
     *
     * @param baselines one baseline reading per person, of this version
     * @param version   the version's items as the framework events describe them, or null when not known (then the
     *                  items are those the readings answer, none reverse-scored)
     */
    public static ReliableChange estimate(String frameworkId, int versionNumber, List<PersonProfile.Reading> baselines,
                                          FrameworkVersion version) {
        return estimate(frameworkId, versionNumber, baselines, version, MINIMUM_ESTIMATE_N);
    }

    /** The same estimate from at least {@code minimumN} readings (tests use fewer than a deployment may). */
    static ReliableChange estimate(String frameworkId, int versionNumber, List<PersonProfile.Reading> baselines,
                                   FrameworkVersion version, int minimumN) {
        if (baselines.size() < minimumN) {
            return notAvailable(frameworkId, versionNumber, "no reliability declared, and fewer than "
                    + minimumN + " baseline readings to estimate it from");
        }
        double[] totals = baselines.stream().mapToDouble(r -> r.score().doubleValue()).toArray();
        double sd = Math.sqrt(variance(totals));
        Map<String, FrameworkVersion.Item> items = new LinkedHashMap<>();
        if (version != null && !version.items().isEmpty()) {
            version.items().forEach(item -> items.put(item.itemId(), item));
        } else {
            Set<String> answered = new TreeSet<>();
            baselines.forEach(r -> answered.addAll(r.responses().keySet()));
            answered.forEach(id -> items.put(id, new FrameworkVersion.Item(id, 0, 0, null, false)));
        }
        List<int[]> complete = new ArrayList<>();
        for (PersonProfile.Reading reading : baselines) {
            if (reading.responses().keySet().containsAll(items.keySet())) {
                int[] scored = new int[items.size()];
                int i = 0;
                for (FrameworkVersion.Item item : items.values()) {
                    scored[i++] = item.scored(reading.responses().get(item.itemId()));
                }
                complete.add(scored);
            }
        }
        int k = items.size();
        if (k < 2 || complete.size() < minimumN) {
            return notAvailable(frameworkId, versionNumber, "no reliability declared, and fewer than "
                    + minimumN + " baseline readings with every item answered to estimate it from");
        }
        double itemVariances = 0;
        for (int i = 0; i < k; i++) {
            int item = i;
            itemVariances += variance(complete.stream().mapToDouble(values -> values[item]).toArray());
        }
        double sumVariance = variance(complete.stream().mapToDouble(values -> java.util.Arrays.stream(values).sum())
                .toArray());
        double alpha = sumVariance == 0 ? 0 : (double) k / (k - 1) * (1 - itemVariances / sumVariance);
        if (!(alpha > 0 && alpha < 1) || sd == 0) {
            return notAvailable(frameworkId, versionNumber, "no reliability declared, and the baseline readings give"
                    + " no usable estimate (α must be between 0 and 1, and the totals must vary)");
        }
        return new ReliableChange(frameworkId, versionNumber, Method.ESTIMATED, sd, alpha, "CRONBACH_ALPHA", true,
                "estimated from " + complete.size() + " baseline readings in this deployment", complete.size(),
                threshold(sd, alpha), null);
    }

    /**
     * The basis of every version of a framework that has readings or is known to the catalogue: declared where the
     * version declares one, else estimated from all counted profiles' baseline readings when {@code estimate} is on.
     */
    public static Map<Integer, ReliableChange> forFramework(String frameworkId, List<PersonProfile> profiles,
                                                           List<FrameworkVersion> catalogue, boolean estimate) {
        Map<Integer, List<PersonProfile.Reading>> baselines = new java.util.TreeMap<>();
        for (PersonProfile profile : profiles) {
            Map<Integer, PersonProfile.Reading> firstByVersion = new LinkedHashMap<>();
            for (PersonProfile.Reading reading : profile.readings()) {
                if (reading.frameworkId().equals(frameworkId) && reading.timepoint().equals("BASELINE")) {
                    firstByVersion.putIfAbsent(reading.version(), reading);
                }
                if (reading.frameworkId().equals(frameworkId)) {
                    baselines.computeIfAbsent(reading.version(), v -> new ArrayList<>());
                }
            }
            firstByVersion.forEach((v, reading) -> baselines.get(v).add(reading));
        }
        Map<Integer, FrameworkVersion> known = new java.util.TreeMap<>();
        for (FrameworkVersion version : catalogue) {
            if (version.frameworkId().equals(frameworkId)) {
                known.put(version.version(), version);
                baselines.computeIfAbsent(version.version(), v -> new ArrayList<>());
            }
        }
        Map<Integer, ReliableChange> bases = new java.util.TreeMap<>();
        baselines.forEach((v, readings) -> {
            FrameworkVersion version = known.get(v);
            if (version != null && version.reliableChange() != null) {
                bases.put(v, declared(frameworkId, v, version.reliableChange()));
            } else if (estimate) {
                bases.put(v, estimate(frameworkId, v, readings, version));
            } else {
                bases.put(v, notAvailable(frameworkId, v, "the version declares no SD and reliability"));
            }
        });
        return bases;
    }

    /** Sample variance (n − 1 in the denominator). */
    static double variance(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double mean = java.util.Arrays.stream(values).average().orElse(0);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return squares / (values.length - 1);
    }
}
