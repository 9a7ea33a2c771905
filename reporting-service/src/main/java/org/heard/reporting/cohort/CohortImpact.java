package org.heard.reporting.cohort;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.heard.reporting.cohort.PersonProfile.Reading;
import org.heard.reporting.disclosure.Disclosure;
import org.heard.reporting.disclosure.PublishedValue;

/**
 * Cohort impact, a pure function of person profiles: for each group of people, who was assessed, their scores at
 * baseline and latest reading, the mean change with its 95% confidence interval, the shares improved / unchanged /
 * worse, involvement in forums, outcomes by domain and perspective side by side, issues resolved, median days to first
 * contact, and how many show transformational impact. Every number passes the one disclosure rule, and every count (and
 * every part and whole behind a share) passes the margin audit column by column.
 *
 * <p>Reliable change ({@link ReliableChange}): each person's change of the total from their baseline to their latest
 * reading of the same framework version is classified as reliable improvement, no reliable change or reliable
 * deterioration against that version's threshold; people whose version has no basis for reliable change are counted
 * apart, as not assessable. Each share comes with its 95% interval (Wilson score interval, from the published counts).
 *
 * <p>Transformational impact (per person): a follow-up (or, failing that, the latest) reading is above the baseline by
 * at least {@value #SUSTAINED_MARGIN} on at least two subscales — sustained improvement in two outcome domains — or a
 * personal outcome on a case that is itself linked to a systemic issue on which a change was achieved (the outcome and
 * the link on the same case, not any case of the person).
 */
public final class CohortImpact {

    /** The least rise of a subscale mean, baseline to follow-up, that counts as sustained improvement. */
    public static final double SUSTAINED_MARGIN = 1.0;

    private final Disclosure disclosure;
    private final org.heard.reporting.disclosure.MarginAudit audit;

    public CohortImpact(Disclosure disclosure) {
        this.disclosure = disclosure;
        this.audit = new org.heard.reporting.disclosure.MarginAudit(disclosure);
    }

    /** One group's published figures. */
    public record Row(Map<String, String> group, PublishedValue people, PublishedValue assessedPeople,
                      PublishedValue assessments, PublishedValue meanBaseline, PublishedValue meanLatest,
                      PublishedValue meanChange, PublishedValue changeCi95Low, PublishedValue changeCi95High,
                      PublishedValue improvedPercent, PublishedValue unchangedPercent, PublishedValue worsePercent,
                      PublishedValue forums, PublishedValue tookPartPercent, PublishedValue viewsTakenPercent,
                      Map<String, PublishedValue> outcomesByDomainAndPerspective, PublishedValue issuesResolved,
                      PublishedValue issuesAchievedPercent, PublishedValue medianDaysToFirstContact,
                      PublishedValue transformational, ReliableChangeFigures reliableChange) {
    }

    /**
     * A count with its share of a whole and the share's 95% interval (Wilson score interval), all from the published
     * (rounded) counts; percentages to 1 decimal, limits to 2.
     */
    public record ShareFigure(PublishedValue count, PublishedValue percent, PublishedValue ci95Low,
                              PublishedValue ci95High) {
    }

    /**
     * A group's reliable change figures.
     *
     * @param assessed      people with a baseline and a later reading on a version with a basis for reliable change
     *                      (the denominator of the three shares)
     * @param notAssessable people with a baseline and a later reading on a version without one
     */
    public record ReliableChangeFigures(PublishedValue assessed, ShareFigure improvement, ShareFigure noChange,
                                        ShareFigure deterioration, PublishedValue notAssessable) {
    }

    public List<Row> compute(List<PersonProfile> profiles, String frameworkId, Map<String, String> filter,
                             List<String> groupBy) {
        return compute(profiles, frameworkId, filter, groupBy, java.util.Set.of());
    }

    /** @param casesWithSystemicChange cases linked to a systemic issue on which a change was achieved */
    public List<Row> compute(List<PersonProfile> profiles, String frameworkId, Map<String, String> filter,
                             List<String> groupBy, java.util.Set<String> casesWithSystemicChange) {
        return compute(profiles, frameworkId, filter, groupBy, casesWithSystemicChange, Map.of());
    }

    /**
     * @param casesWithSystemicChange cases linked to a systemic issue on which a change was achieved
     * @param reliableChange          the basis for reliable change of each version of the framework
     */
    public List<Row> compute(List<PersonProfile> profiles, String frameworkId, Map<String, String> filter,
                             List<String> groupBy, java.util.Set<String> casesWithSystemicChange,
                             Map<Integer, ReliableChange> reliableChange) {
        // Hashed while grouping, sorted once at the end: this loop runs over every profile on every query.
        Map<List<String>, List<PersonProfile>> groups = new java.util.HashMap<>();
        List<Map.Entry<String, String>> wanted = List.copyOf(filter.entrySet());
        for (PersonProfile profile : profiles) {
            boolean matches = true;
            for (Map.Entry<String, String> f : wanted) {
                if (!f.getValue().equals(profile.dimension(f.getKey()))) {
                    matches = false;
                    break;
                }
            }
            if (matches) {
                List<String> key = new ArrayList<>(groupBy.size());
                for (String dimension : groupBy) {
                    key.add(profile.dimension(dimension));
                }
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(profile);
            }
        }
        List<List<String>> ordered = new ArrayList<>(groups.keySet());
        ordered.sort((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        Map<List<String>, Tally> tallies = new LinkedHashMap<>();
        for (List<String> key : ordered) {
            tallies.put(key, tally(groups.get(key), frameworkId, casesWithSystemicChange, reliableChange));
        }
        // Every count, and every part and whole behind a share, passes the margin audit column by column.
        java.util.Set<String> columns = new java.util.TreeSet<>();
        tallies.values().forEach(t -> columns.addAll(t.counts().keySet()));
        // Every row carries every outcome column of the table, so that neither a key left out nor a zero filled in
        // later tells what a withheld group holds.
        List<String> outcomeColumns = columns.stream().filter(c -> c.startsWith("outcome:")).toList();
        Map<String, java.util.Set<List<String>>> protecting = new LinkedHashMap<>();
        if (!groupBy.isEmpty()) {
            for (String column : columns) {
                Map<List<String>, Long> values = new LinkedHashMap<>();
                tallies.forEach((key, t) -> {
                    long value = t.counts().getOrDefault(column, 0L);
                    if (value > 0) {
                        values.put(key, value);
                    }
                });
                protecting.put(column, audit.secondary(values));
            }
        }
        List<Row> rows = new ArrayList<>();
        tallies.forEach((key, t) -> {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                group.put(groupBy.get(i), key.get(i));
            }
            java.util.Set<String> withheld = new java.util.HashSet<>();
            protecting.forEach((column, keys) -> {
                if (keys.contains(key)) {
                    withheld.add(column);
                }
            });
            rows.add(publish(group, t, withheld, outcomeColumns));
        });
        return rows;
    }

    /**
     * One group's true figures before publication.
     *
     * @param counts every count by column name ({@code people}, {@code assessed}, … and {@code outcome:<key>})
     */
    private record Tally(Map<String, Long> counts, double baselineSum, double latestSum, List<Double> changes,
                         List<Integer> daysToContact) {

        long count(String column) {
            return counts.getOrDefault(column, 0L);
        }
    }

    private static Tally tally(List<PersonProfile> people, String frameworkId,
                               java.util.Set<String> casesWithSystemicChange, Map<Integer, ReliableChange> bases) {
        long rcAssessed = 0;
        long rcImproved = 0;
        long rcNoChange = 0;
        long rcDeteriorated = 0;
        long rcNotAssessable = 0;
        long assessments = 0;
        long assessed = 0;
        long improved = 0;
        long unchanged = 0;
        long worse = 0;
        long transformational = 0;
        long forums = 0;
        long tookPart = 0;
        long viewsTaken = 0;
        long issuesResolved = 0;
        long issuesAchieved = 0;
        double baselineSum = 0;
        double latestSum = 0;
        List<Double> changes = new ArrayList<>();
        List<Integer> daysToContact = new ArrayList<>();
        Map<String, Long> outcomes = new java.util.HashMap<>();
        List<Reading> readings = new ArrayList<>();
        for (PersonProfile person : people) {
            boolean sustained = false;
            readings.clear();
            for (Reading reading : person.readings()) {
                if (reading.frameworkId().equals(frameworkId)) {
                    readings.add(reading);
                }
            }
            assessments += readings.size();
            if (!readings.isEmpty()) {
                assessed++;
                Reading baseline = readings.get(0);
                for (Reading reading : readings) {
                    if (reading.timepoint().equals("BASELINE")) {
                        baseline = reading;
                        break;
                    }
                }
                Reading latest = readings.get(readings.size() - 1);
                baselineSum += baseline.score().doubleValue();
                latestSum += latest.score().doubleValue();
                if (readings.size() > 1) {
                    double change = latest.score().subtract(baseline.score()).doubleValue();
                    changes.add(change);
                    if (change > 0) {
                        improved++;
                    } else if (change == 0) {
                        unchanged++;
                    } else {
                        worse++;
                    }
                    Reading followUp = latest;
                    for (Reading reading : readings) {
                        if (reading.timepoint().equals("FOLLOW_UP")) {
                            followUp = reading;
                        }
                    }
                    sustained = sustainedDomains(baseline, followUp) >= 2;
                }
                // reliable change: baseline to the latest later reading of the baseline's own version
                Reading latestSame = null;
                for (Reading reading : readings) {
                    if (reading.version() == baseline.version() && reading != baseline) {
                        latestSame = reading;
                    }
                }
                if (latestSame != null) {
                    ReliableChange basis = bases.get(baseline.version());
                    ReliableChange.Category category = basis == null ? null
                            : basis.classify(latestSame.score().subtract(baseline.score()));
                    if (category == null) {
                        rcNotAssessable++;
                    } else {
                        rcAssessed++;
                        switch (category) {
                            case RELIABLE_IMPROVEMENT -> rcImproved++;
                            case NO_RELIABLE_CHANGE -> rcNoChange++;
                            case RELIABLE_DETERIORATION -> rcDeteriorated++;
                        }
                    }
                }
            }
            // a personal outcome and a systemic change achieved on the same case
            boolean systemic = false;
            for (String caseId : person.personalOutcomeCaseIds()) {
                if (casesWithSystemicChange.contains(caseId)) {
                    systemic = true;
                    break;
                }
            }
            if (sustained || systemic) {
                transformational++;
            }
            forums += person.forums();
            tookPart += person.forumsTakingPart();
            viewsTaken += person.forumsViewsTaken();
            issuesResolved += person.issuesResolved();
            issuesAchieved += person.issuesAchieved();
            if (person.daysToFirstContact() != null) {
                daysToContact.add(person.daysToFirstContact());
            }
            for (Map.Entry<String, Integer> outcome : person.outcomes().entrySet()) {
                outcomes.merge(outcome.getKey(), (long) outcome.getValue(), Long::sum);
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("people", (long) people.size());
        counts.put("assessments", assessments);
        counts.put("assessed", assessed);
        counts.put("improved", improved);
        counts.put("unchanged", unchanged);
        counts.put("worse", worse);
        counts.put("transformational", transformational);
        counts.put("forums", forums);
        counts.put("tookPart", tookPart);
        counts.put("viewsTaken", viewsTaken);
        counts.put("issuesResolved", issuesResolved);
        counts.put("issuesAchieved", issuesAchieved);
        counts.put("contacted", (long) daysToContact.size());
        counts.put("changed", (long) changes.size());
        counts.put("rcAssessed", rcAssessed);
        counts.put("rcImproved", rcImproved);
        counts.put("rcNoChange", rcNoChange);
        counts.put("rcDeteriorated", rcDeteriorated);
        counts.put("rcNotAssessable", rcNotAssessable);
        new TreeMap<>(outcomes).forEach((key, count) -> counts.put("outcome:" + key, count));
        return new Tally(counts, baselineSum, latestSum, changes, daysToContact);
    }

    private Row publish(Map<String, String> group, Tally t, java.util.Set<String> withheld,
                        List<String> outcomeColumns) {
        Map<String, PublishedValue> publishedOutcomes = new TreeMap<>();
        PublishedValue x = disclosure.withheld();
        if (disclosure.count(t.count("people")).isSuppressed() || withheld.contains("people")) {
            // every figure of a group too small to show (or withheld so that a margin cannot reveal another group)
            // is withheld, whatever its own count
            outcomeColumns.forEach(c -> publishedOutcomes.put(c.substring(8), x));
            ShareFigure none = new ShareFigure(x, x, x, x);
            return new Row(group, x, x, x, x, x, x, x, x, x, x, x, x, x, x, publishedOutcomes, x, x, x, x,
                    new ReliableChangeFigures(x, none, none, none, x));
        }
        outcomeColumns.forEach(column -> publishedOutcomes.put(column.substring(8), count(t, column, withheld)));
        long changed = t.count("changed");
        double meanChange = t.changes().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sd = Math.sqrt(t.changes().stream().mapToDouble(c -> (c - meanChange) * (c - meanChange)).sum()
                / Math.max(1, changed - 1));
        double halfWidth = changed > 1 ? 1.96 * sd / Math.sqrt(changed) : 0;
        boolean assessedShown = !withheld.contains("assessed");
        boolean changedShown = !withheld.contains("changed");
        return new Row(group, count(t, "people", withheld), count(t, "assessed", withheld),
                count(t, "assessments", withheld),
                assessedShown ? disclosure.mean(t.baselineSum(), t.count("assessed")) : x,
                assessedShown ? disclosure.mean(t.latestSum(), t.count("assessed")) : x,
                changedShown ? disclosure.mean(t.changes().stream().mapToDouble(Double::doubleValue).sum(), changed) : x,
                changedShown ? disclosure.statistic(meanChange - halfWidth, changed) : x,
                changedShown ? disclosure.statistic(meanChange + halfWidth, changed) : x,
                share(t, "improved", "changed", withheld), share(t, "unchanged", "changed", withheld),
                share(t, "worse", "changed", withheld), count(t, "forums", withheld),
                share(t, "tookPart", "forums", withheld), share(t, "viewsTaken", "forums", withheld),
                publishedOutcomes, count(t, "issuesResolved", withheld),
                share(t, "issuesAchieved", "issuesResolved", withheld),
                withheld.contains("contacted") ? x
                        : disclosure.statistic(median(t.daysToContact()), t.daysToContact().size()),
                count(t, "transformational", withheld),
                new ReliableChangeFigures(count(t, "rcAssessed", withheld),
                        shareFigure(t, "rcImproved", "rcAssessed", withheld),
                        shareFigure(t, "rcNoChange", "rcAssessed", withheld),
                        shareFigure(t, "rcDeteriorated", "rcAssessed", withheld),
                        count(t, "rcNotAssessable", withheld)));
    }

    private PublishedValue count(Tally t, String column, java.util.Set<String> withheld) {
        return withheld.contains(column) ? disclosure.withheld() : disclosure.count(t.count(column));
    }

    private PublishedValue share(Tally t, String part, String whole, java.util.Set<String> withheld) {
        return withheld.contains(part) || withheld.contains(whole) ? disclosure.withheld()
                : disclosure.share(t.count(part), t.count(whole));
    }

    private ShareFigure shareFigure(Tally t, String part, String whole, java.util.Set<String> withheld) {
        return shareFigure(disclosure, t.count(part), t.count(whole), withheld.contains(part), withheld.contains(whole));
    }

    /** A count, its share of a whole and the share's Wilson 95% interval, all through the disclosure rule. */
    public static ShareFigure shareFigure(Disclosure disclosure, long part, long whole, boolean partWithheld,
                                   boolean wholeWithheld) {
        PublishedValue x = disclosure.withheld();
        PublishedValue count = partWithheld ? x : disclosure.count(part);
        PublishedValue percent = partWithheld || wholeWithheld ? x : disclosure.share(part, whole);
        if (percent.isSuppressed()) {
            return new ShareFigure(count, x, x, x);
        }
        long shownPart = disclosure.count(part).number().longValueExact();
        long shownWhole = disclosure.count(whole).number().longValueExact();
        double[] interval = wilson(shownPart, shownWhole);
        return new ShareFigure(count, percent, disclosure.statistic(100 * interval[0], whole),
                disclosure.statistic(100 * interval[1], whole));
    }

    /** The Wilson score interval (95%) of a proportion part / whole, as fractions. */
    static double[] wilson(long part, long whole) {
        double n = whole;
        double p = part / n;
        double z = ReliableChange.Z95;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    static int sustainedDomains(Reading baseline, Reading followUp) {
        int domains = 0;
        for (Map.Entry<String, BigDecimal> subscale : baseline.subscales().entrySet()) {
            BigDecimal later = followUp.subscales().get(subscale.getKey());
            if (later != null && later.subtract(subscale.getValue()).doubleValue() >= SUSTAINED_MARGIN) {
                domains++;
            }
        }
        return domains;
    }

    public static double median(List<Integer> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Integer> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
