package org.heard.reporting.cohort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.heard.reporting.cohort.CohortImpact.ShareFigure;
import org.heard.reporting.cohort.PersonProfile.Reading;
import org.heard.reporting.disclosure.Disclosure;
import org.heard.reporting.disclosure.MarginAudit;
import org.heard.reporting.disclosure.PublishedValue;

/**
 * Empowerment over time, a pure function of person profiles: for each group of people and one framework version, at
 * each point of the axis — the timepoints (baseline, review, closure, follow-up) or bands of weeks since referral — the
 * number of people with a reading there, the mean total and each subscale's mean with a 95% confidence interval
 * (mean ± 1.96 × sd / √n), and among those who also have a baseline, the shares with reliable improvement and reliable
 * deterioration from it ({@link ReliableChange}).
 *
 * <p>Each person counts once per point: at baseline their first baseline reading, at another timepoint their latest
 * reading at it, in a band of weeks their latest reading in it (a reading before the referral falls in the first band).
 * Every count passes the disclosure rule and, point by point and column by column, the margin audit against the
 * ungrouped series; a mean, interval or share over a withheld count is withheld.
 */
public final class Series {

    /** What the points of a series are. */
    public enum Axis { TIMEPOINT, WEEKS_SINCE_REFERRAL }

    public static final List<String> TIMEPOINTS = List.of("BASELINE", "REVIEW", "CLOSURE", "FOLLOW_UP");
    /** The first week of each band: 0–3, 4–12, 13–25, 26–51 and 52 or more weeks since referral. */
    public static final List<Integer> DEFAULT_BANDS = List.of(0, 4, 13, 26, 52);

    private final Disclosure disclosure;
    private final MarginAudit audit;

    public Series(Disclosure disclosure) {
        this.disclosure = disclosure;
        this.audit = new MarginAudit(disclosure);
    }

    /** A mean with its interval and the n it is over. */
    public record Estimate(PublishedValue n, PublishedValue mean, PublishedValue ci95Low, PublishedValue ci95High) {
    }

    /**
     * One point of a group's series.
     *
     * @param at                    the timepoint, or the band of weeks (e.g. {@code 4-12}, {@code 52+})
     * @param pairs                 people with a reading here and a baseline (null at baseline itself)
     * @param reliableImprovement   of the pairs, those whose change from baseline is reliable improvement (null at
     *                              baseline, or when the version has no basis for reliable change)
     * @param reliableDeterioration likewise for reliable deterioration
     */
    public record Point(String at, Estimate total, Map<String, Estimate> subscales, PublishedValue pairs,
                        ShareFigure reliableImprovement, ShareFigure reliableDeterioration) {
    }

    /** One group's series. */
    public record GroupSeries(Map<String, String> group, List<Point> points) {
    }

    /** The labels of the bands that start at these weeks. */
    public static List<String> bandLabels(List<Integer> bands) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            labels.add(i + 1 < bands.size() ? bands.get(i) + "-" + (bands.get(i + 1) - 1) : bands.get(i) + "+");
        }
        return labels;
    }

    public List<GroupSeries> compute(List<PersonProfile> profiles, String frameworkId, int version,
                                     Map<String, String> filter, List<String> groupBy, Axis axis,
                                     List<Integer> bands, ReliableChange basis) {
        List<String> points = axis == Axis.TIMEPOINT ? TIMEPOINTS : bandLabels(bands);
        Map<List<String>, Tally[]> tallies = new java.util.TreeMap<>(Series::compareKeys);
        Set<String> subscaleNames = new TreeSet<>();
        for (PersonProfile person : profiles) {
            if (!matches(person, filter)) {
                continue;
            }
            List<String> key = new ArrayList<>(groupBy.size());
            groupBy.forEach(d -> key.add(person.dimension(d)));
            Tally[] row = tallies.computeIfAbsent(key, k -> newRow(points.size()));
            List<Reading> readings = person.readings().stream()
                    .filter(r -> r.frameworkId().equals(frameworkId) && r.version() == version).toList();
            Reading baseline = readings.stream().filter(r -> r.timepoint().equals("BASELINE")).findFirst()
                    .orElse(null);
            Reading[] at = new Reading[points.size()];
            for (Reading reading : readings) {
                int index = axis == Axis.TIMEPOINT ? TIMEPOINTS.indexOf(reading.timepoint())
                        : band(bands, person.weeksSinceReferral(reading));
                if (index < 0) {
                    continue;
                }
                boolean firstBaseline = axis == Axis.TIMEPOINT && index == 0;
                if (!(firstBaseline && at[index] != null)) {
                    at[index] = reading; // readings are in date order: the latest wins, baseline keeps the first
                }
            }
            for (int i = 0; i < at.length; i++) {
                Reading reading = at[i];
                if (reading == null) {
                    continue;
                }
                Tally tally = row[i];
                tally.totals.add(reading.score().doubleValue());
                reading.subscales().forEach((name, score) -> {
                    subscaleNames.add(name);
                    tally.subscales.computeIfAbsent(name, n -> new ArrayList<>()).add(score.doubleValue());
                });
                if (baseline != null && reading != baseline) {
                    tally.pairs++;
                    ReliableChange.Category category = basis == null ? null
                            : basis.classify(reading.score().subtract(baseline.score()));
                    if (category == ReliableChange.Category.RELIABLE_IMPROVEMENT) {
                        tally.improved++;
                    } else if (category == ReliableChange.Category.RELIABLE_DETERIORATION) {
                        tally.deteriorated++;
                    }
                }
            }
        }
        Set<String> withheld = groupBy.isEmpty() ? Set.of() : audit(tallies, points.size(), subscaleNames);
        boolean reliable = basis != null && basis.available();
        List<GroupSeries> series = new ArrayList<>();
        tallies.forEach((key, row) -> {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                group.put(groupBy.get(i), key.get(i));
            }
            List<Point> published = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                Tally t = row[i];
                String cell = String.join("\u0000", key) + "\u0001" + i + "\u0001";
                Map<String, Estimate> subscales = new LinkedHashMap<>();
                for (String name : subscaleNames) {
                    subscales.put(name, estimate(t.subscales.getOrDefault(name, List.of()),
                            withheld.contains(cell + "n:" + name)));
                }
                boolean atBaseline = axis == Axis.TIMEPOINT && i == 0;
                boolean pairsWithheld = withheld.contains(cell + "pairs");
                published.add(new Point(points.get(i), estimate(t.totals, withheld.contains(cell + "n")), subscales,
                        atBaseline ? null : pairsWithheld ? disclosure.withheld() : disclosure.count(t.pairs),
                        atBaseline || !reliable || t.pairs == 0 ? null : CohortImpact.shareFigure(disclosure,
                                t.improved, t.pairs, withheld.contains(cell + "improved"), pairsWithheld),
                        atBaseline || !reliable || t.pairs == 0 ? null : CohortImpact.shareFigure(disclosure,
                                t.deteriorated, t.pairs, withheld.contains(cell + "deteriorated"), pairsWithheld)));
            }
            series.add(new GroupSeries(group, published));
        });
        return series;
    }

    /** The cells the margin audit withholds, as group key, point and column. */
    private Set<String> audit(Map<List<String>, Tally[]> tallies, int points, Set<String> subscaleNames) {
        Set<String> withheld = new HashSet<>();
        List<String> columns = new ArrayList<>(List.of("n", "pairs", "improved", "deteriorated"));
        subscaleNames.forEach(name -> columns.add("n:" + name));
        for (int i = 0; i < points; i++) {
            for (String column : columns) {
                Map<List<String>, Long> values = new LinkedHashMap<>();
                int point = i;
                tallies.forEach((key, row) -> {
                    long value = row[point].count(column);
                    if (value > 0) {
                        values.put(key, value);
                    }
                });
                for (List<String> key : audit.secondary(values)) {
                    withheld.add(String.join("\u0000", key) + "\u0001" + i + "\u0001" + column);
                }
            }
        }
        return withheld;
    }

    private Estimate estimate(List<Double> values, boolean withheld) {
        PublishedValue x = disclosure.withheld();
        long n = values.size();
        if (withheld) {
            return new Estimate(x, x, x, x);
        }
        PublishedValue count = disclosure.count(n);
        double sum = values.stream().mapToDouble(Double::doubleValue).sum();
        if (n == 0) {
            return new Estimate(count, null, null, null);
        }
        if (count.isSuppressed()) {
            return new Estimate(count, x, x, x);
        }
        if (n == 1) {
            // one value has no interval (only a rule that shows a count of 1 gets here)
            return new Estimate(count, disclosure.mean(sum, n), null, null);
        }
        double mean = sum / n;
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double half = ReliableChange.Z95 * Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        return new Estimate(count, disclosure.mean(sum, n), disclosure.statistic(mean - half, n),
                disclosure.statistic(mean + half, n));
    }

    /** The index of the band a number of weeks falls in (before the referral: the first). */
    static int band(List<Integer> bands, long weeks) {
        int index = 0;
        for (int i = 0; i < bands.size(); i++) {
            if (weeks >= bands.get(i)) {
                index = i;
            }
        }
        return index;
    }

    private static boolean matches(PersonProfile person, Map<String, String> filter) {
        for (Map.Entry<String, String> f : filter.entrySet()) {
            if (!f.getValue().equals(person.dimension(f.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static Tally[] newRow(int points) {
        Tally[] row = new Tally[points];
        for (int i = 0; i < points; i++) {
            row[i] = new Tally();
        }
        return row;
    }

    private static int compareKeys(List<String> a, List<String> b) {
        return String.join("\u0000", a).compareTo(String.join("\u0000", b));
    }

    /** The true figures of one group at one point. */
    private static final class Tally {
        final List<Double> totals = new ArrayList<>();
        final Map<String, List<Double>> subscales = new HashMap<>();
        long pairs;
        long improved;
        long deteriorated;

        long count(String column) {
            return switch (column) {
                case "n" -> totals.size();
                case "pairs" -> pairs;
                case "improved" -> improved;
                case "deteriorated" -> deteriorated;
                default -> subscales.getOrDefault(column.substring(2), List.of()).size();
            };
        }
    }
}
