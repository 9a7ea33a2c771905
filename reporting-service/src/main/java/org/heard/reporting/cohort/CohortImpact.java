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
 * contact, and how many show transformational impact. Every number passes the one disclosure rule.
 *
 * <p>Transformational impact (per person): a follow-up (or, failing that, the latest) reading is above the baseline by
 * at least {@value #SUSTAINED_MARGIN} on at least two subscales — sustained improvement in two outcome domains — or a
 * personal outcome on a case that is linked to a systemic issue on which a change was achieved.
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
                      PublishedValue transformational) {
    }

    public List<Row> compute(List<PersonProfile> profiles, String frameworkId, Map<String, String> filter,
                             List<String> groupBy) {
        return compute(profiles, frameworkId, filter, groupBy, java.util.Set.of());
    }

    /** @param casesWithSystemicChange cases linked to a systemic issue on which a change was achieved */
    public List<Row> compute(List<PersonProfile> profiles, String frameworkId, Map<String, String> filter,
                             List<String> groupBy, java.util.Set<String> casesWithSystemicChange) {
        Map<List<String>, List<PersonProfile>> groups = new TreeMap<>((a, b) -> String.join("\u0000", a)
                .compareTo(String.join("\u0000", b)));
        for (PersonProfile profile : profiles) {
            if (filter.entrySet().stream().allMatch(f -> f.getValue().equals(profile.dimension(f.getKey())))) {
                List<String> key = groupBy.stream().map(profile::dimension).toList();
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(profile);
            }
        }
        List<Row> rows = new ArrayList<>();
        Map<List<String>, Long> sizes = new LinkedHashMap<>();
        groups.forEach((key, people) -> sizes.put(key, (long) people.size()));
        java.util.Set<List<String>> protecting = groupBy.isEmpty() ? java.util.Set.of() : audit.secondary(sizes);
        groups.forEach((key, people) -> {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                group.put(groupBy.get(i), key.get(i));
            }
            rows.add(row(group, people, frameworkId, casesWithSystemicChange, protecting.contains(key)));
        });
        return rows;
    }

    private Row row(Map<String, String> group, List<PersonProfile> people, String frameworkId,
                    java.util.Set<String> casesWithSystemicChange, boolean protectingAnother) {
        int assessed = 0;
        int assessments = 0;
        double baselineSum = 0;
        double latestSum = 0;
        List<Double> changes = new ArrayList<>();
        int improved = 0;
        int unchanged = 0;
        int worse = 0;
        int forums = 0;
        int tookPart = 0;
        int viewsTaken = 0;
        int issuesResolved = 0;
        int issuesAchieved = 0;
        int transformational = 0;
        List<Integer> daysToContact = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (PersonProfile person : people) {
            boolean sustained = false;
            List<Reading> readings = person.readings().stream().filter(r -> r.frameworkId().equals(frameworkId))
                    .toList();
            assessments += readings.size();
            if (!readings.isEmpty()) {
                assessed++;
                Reading baseline = readings.stream().filter(r -> r.timepoint().equals("BASELINE")).findFirst()
                        .orElse(readings.get(0));
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
                    Reading followUp = readings.stream().filter(r -> r.timepoint().equals("FOLLOW_UP"))
                            .reduce((a, b) -> b).orElse(latest);
                    sustained = sustainedDomains(baseline, followUp) >= 2;
                }
            }
            boolean systemic = !person.outcomes().isEmpty()
                    && person.caseIds().stream().anyMatch(casesWithSystemicChange::contains);
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
            person.outcomes().forEach((key, count) -> outcomes.merge(key, count, Integer::sum));
        }
        double meanChange = changes.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sd = Math.sqrt(changes.stream().mapToDouble(c -> (c - meanChange) * (c - meanChange)).sum()
                / Math.max(1, changes.size() - 1));
        double halfWidth = changes.size() > 1 ? 1.96 * sd / Math.sqrt(changes.size()) : 0;
        Map<String, PublishedValue> publishedOutcomes = new LinkedHashMap<>();
        if (disclosure.count(people.size()).isSuppressed() || protectingAnother) {
            // every figure of a group too small to show (or withheld so that a margin cannot reveal another group)
            // is withheld, whatever its own count
            PublishedValue x = disclosure.withheld();
            outcomes.keySet().forEach(key -> publishedOutcomes.put(key, x));
            return new Row(group, x, x, x, x, x, x, x, x, x, x, x, x, x, x, publishedOutcomes, x, x, x, x);
        }
        outcomes.forEach((key, count) -> publishedOutcomes.put(key, disclosure.count(count)));
        int changed = changes.size();
        return new Row(group, disclosure.count(people.size()), disclosure.count(assessed),
                disclosure.count(assessments), disclosure.mean(baselineSum, assessed),
                disclosure.mean(latestSum, assessed), disclosure.mean(changes.stream().mapToDouble(Double::doubleValue)
                        .sum(), changed), disclosure.statistic(meanChange - halfWidth, changed),
                disclosure.statistic(meanChange + halfWidth, changed), disclosure.share(improved, changed),
                disclosure.share(unchanged, changed), disclosure.share(worse, changed), disclosure.count(forums),
                disclosure.share(tookPart, forums), disclosure.share(viewsTaken, forums), publishedOutcomes,
                disclosure.count(issuesResolved), disclosure.share(issuesAchieved, issuesResolved),
                disclosure.statistic(median(daysToContact), daysToContact.size()), disclosure.count(transformational));
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

    static double median(List<Integer> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Integer> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
