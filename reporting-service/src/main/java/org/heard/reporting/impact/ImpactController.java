package org.heard.reporting.impact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.heard.contracts.EventCatalogue;
import org.heard.contracts.envelope.EventJson;
import org.heard.kit.web.InvalidInput;
import org.heard.reporting.cohort.CohortImpact;
import org.heard.reporting.cohort.PersonProfile;
import org.heard.reporting.disclosure.CohortCounts;
import org.heard.reporting.timeline.PersonTimeline;
import org.heard.reporting.cohort.ProfileStore;
import org.heard.reporting.cohort.Trajectory;
import org.heard.reporting.projection.LiveProjections;
import org.heard.reporting.projection.Projections;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The analyst API: aggregates that have passed the disclosure rule, and person-level rows under per-dataset
 * pseudonyms only.
 */
@RestController
@RequestMapping("/api/impact")
public class ImpactController {

    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,39}");

    private final LiveProjections projections;
    private final CohortCounts counts;
    private final DatasetPseudonyms pseudonyms;
    private final CohortImpact cohorts;
    private final org.heard.reporting.disclosure.Disclosure disclosure;

    public ImpactController(LiveProjections projections, CohortCounts counts, DatasetPseudonyms pseudonyms,
                            CohortImpact cohorts, org.heard.reporting.disclosure.Disclosure disclosure) {
        this.projections = projections;
        this.disclosure = disclosure;
        this.counts = counts;
        this.pseudonyms = pseudonyms;
        this.cohorts = cohorts;
    }

    /**
     * Cohort impact: by any combination of {@code advocacyType}, {@code ethnicGroup}, {@code ageBand}, {@code gender},
     * {@code legalStatusGroup}, {@code disability}, {@code quarter} ({@code groupBy}, comma separated; the same names
     * filter), for one framework ({@code framework}, default heard-empowerment): people, assessments, mean baseline,
     * latest and change with a 95% confidence interval, shares improved / unchanged / worse, involvement, outcomes by
     * domain and perspective, issues, median days to first contact, transformational impact. Every figure passes the
     * disclosure rule; people who withdrew consent to evaluation count only with data from before the withdrawal.
     * {@code asOf} (an ISO date) gives the figures as they stood at the end of that day (event time).
     */
    @GetMapping(value = "/cohorts", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<CohortImpact.Row> cohorts(@RequestParam Map<String, String> parameters) {
        Map<String, String> filter = new LinkedHashMap<>(parameters);
        String framework = filter.remove("framework");
        Integer frameworkVersion = version(filter.remove("frameworkVersion"));
        java.time.LocalDate asOf = org.heard.reporting.timeline.AsOf.parse(filter.remove("asOf"));
        List<String> groupBy = dimensions(filter.remove("groupBy"));
        for (String name : filter.keySet()) {
            if (!PersonProfile.DIMENSIONS.contains(name)) {
                throw new InvalidInput(name, "unknown filter; use framework, frameworkVersion, asOf, groupBy or one of "
                        + PersonProfile.DIMENSIONS);
            }
        }
        Projections live = projections.live();
        List<PersonProfile> profiles = new ArrayList<>();
        if (asOf == null) {
            // The stored profiles: erased people's anonymous facts count too, as the cohort figures should not change.
            for (ProfileStore.Stored stored : projections.index().all()) {
                profiles.add(stored.profile());
            }
        } else {
            // As they stood on a past date: folded from the timelines (erased people are no longer among them).
            Map<String, String> withdrawn = live.consent().withdrawnSince(null);
            for (PersonTimeline timeline : live.timelines().all()) {
                String since = withdrawn.get(timeline.personId());
                PersonTimeline asItStood = timeline.asOf(asOf);
                if (!asItStood.entries().isEmpty()) {
                    profiles.add(PersonProfile.of(asItStood, since == null ? null : java.time.LocalDate.parse(since)));
                }
            }
        }
        if (frameworkVersion != null) {
            profiles = profiles.stream().map(p -> p.withReadingsOf(frameworkVersion)).toList();
        }
        return cohorts.compute(profiles, framework == null ? "heard-empowerment" : framework, filter, groupBy,
                live.wider().casesWithChangeAchieved());
    }

    /** The same cohort table as CSV: the group's dimensions, then every published figure ("*" where withheld). */
    @GetMapping(value = "/cohorts", produces = "text/csv")
    public String cohortsCsv(@RequestParam Map<String, String> parameters) {
        List<CohortImpact.Row> rows = cohorts(parameters);
        List<String> groupBy = dimensions(parameters.get("groupBy"));
        java.util.SortedSet<String> outcomeColumns = new TreeSet<>();
        rows.forEach(row -> outcomeColumns.addAll(row.outcomesByDomainAndPerspective().keySet()));
        List<String> header = new ArrayList<>(groupBy);
        header.addAll(List.of("people", "assessedPeople", "assessments", "meanBaseline", "meanLatest", "meanChange",
                "changeCi95Low", "changeCi95High", "improvedPercent", "unchangedPercent", "worsePercent", "forums",
                "tookPartPercent", "viewsTakenPercent", "issuesResolved", "issuesAchievedPercent",
                "medianDaysToFirstContact", "transformational"));
        outcomeColumns.forEach(column -> header.add("outcomes:" + column));
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (CohortImpact.Row row : rows) {
            List<String> cells = new ArrayList<>();
            groupBy.forEach(dimension -> cells.add(row.group().get(dimension)));
            for (org.heard.reporting.disclosure.PublishedValue value : List.of(row.people(), row.assessedPeople(),
                    row.assessments(), row.meanBaseline(), row.meanLatest(), row.meanChange(), row.changeCi95Low(),
                    row.changeCi95High(), row.improvedPercent(), row.unchangedPercent(), row.worsePercent(),
                    row.forums(), row.tookPartPercent(), row.viewsTakenPercent(), row.issuesResolved(),
                    row.issuesAchievedPercent(), row.medianDaysToFirstContact(), row.transformational())) {
                cells.add(value.toCsv());
            }
            outcomeColumns.forEach(column -> {
                org.heard.reporting.disclosure.PublishedValue value = row.outcomesByDomainAndPerspective().get(column);
                cells.add(value == null ? disclosure.count(0).toCsv() : value.toCsv());
            });
            csv.append(String.join(",", cells)).append('\n');
        }
        return csv.toString();
    }

    /** One person's trajectory on one framework version, under the dataset's pseudonym. */
    public record TrajectoryRow(String pseudonym, String advocacyType, String frameworkId, int version,
                                List<Trajectory.Point> points, java.math.BigDecimal latestChange) {
    }

    /**
     * Person-level trajectories for a named dataset: every assessment reading by framework version, change from
     * baseline and weeks since referral, each person under the dataset's pseudonym; people who withdrew consent to
     * evaluation and erased people are left out. {@code framework} narrows to one framework.
     */
    @GetMapping("/trajectories")
    public List<TrajectoryRow> trajectories(@RequestParam String dataset,
                                            @RequestParam(required = false) String framework) {
        checkDataset(dataset);
        java.util.Set<String> withdrawn = projections.live().consent().allWithdrawn();
        List<TrajectoryRow> rows = new ArrayList<>();
        for (ProfileStore.Stored stored : projections.index().all()) {
            if (stored.erased() || withdrawn.contains(stored.personId())) {
                continue;
            }
            String pseudonym = pseudonyms.of(dataset, stored.personId());
            for (Trajectory trajectory : Trajectory.of(stored.profile())) {
                if (framework == null || framework.equals(trajectory.frameworkId())) {
                    rows.add(new TrajectoryRow(pseudonym, stored.profile().advocacyType(), trajectory.frameworkId(),
                            trajectory.version(), trajectory.points(), trajectory.latestChange()));
                }
            }
        }
        rows.sort(java.util.Comparator.comparing(TrajectoryRow::pseudonym).thenComparing(TrajectoryRow::frameworkId)
                .thenComparingInt(TrajectoryRow::version));
        return rows;
    }

    private static List<String> dimensions(String groupByText) {
        List<String> groupBy = new ArrayList<>();
        if (groupByText != null && !groupByText.isBlank()) {
            for (String dimension : groupByText.split(",")) {
                if (!PersonProfile.DIMENSIONS.contains(dimension.trim())) {
                    throw new InvalidInput("groupBy", "unknown dimension; use " + PersonProfile.DIMENSIONS);
                }
                groupBy.add(dimension.trim());
            }
        }
        return groupBy;
    }

    private static Integer version(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidInput("frameworkVersion", "a whole number");
        }
    }

    private static void checkDataset(String dataset) {
        if (!DATASET.matcher(dataset).matches()) {
            throw new InvalidInput("dataset", "letters, digits and dashes, at most 40");
        }
    }

    /** One systemic issue as analysts see it: no case ids, the number of linked cases through the disclosure rule. */
    public record WiderImpactRow(String systemicIssueId, String level, String theme, String loggedOn,
                                 org.heard.reporting.disclosure.PublishedValue linkedCases,
                                 List<org.heard.reporting.wider.WiderImpact.Change> changesAchieved) {
    }

    /** Wider impact: systemic issues, how many cases raised each, and the changes achieved in regimes and policies. */
    @GetMapping("/wider")
    public List<WiderImpactRow> wider() {
        return projections.live().wider().all().stream()
                .sorted(java.util.Comparator.comparing(org.heard.reporting.wider.WiderImpact::loggedOn,
                        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
                .map(v -> new WiderImpactRow(v.systemicIssueId(), v.level(), v.theme(), v.loggedOn(),
                        disclosure.count(v.caseIds().size()), v.changes()))
                .toList();
    }

    /**
     * Referrals counted by any of {@code advocacyType}, {@code referralSource}, {@code month}, {@code quarter}
     * ({@code groupBy}, comma separated), filtered by the same dimensions as parameters. Counts of 1–7 show "*", the
     * rest are rounded to the nearest 5.
     */
    @GetMapping(value = "/referrals", produces = MediaType.APPLICATION_JSON_VALUE)
    public CohortCounts.Table referrals(@RequestParam Map<String, String> parameters) {
        Map<String, String> filter = new LinkedHashMap<>(parameters);
        String groupByText = filter.remove("groupBy");
        List<String> groupBy = new ArrayList<>();
        if (groupByText != null && !groupByText.isBlank()) {
            for (String dimension : groupByText.split(",")) {
                if (!ReferralFacts.DIMENSIONS.contains(dimension.trim())) {
                    throw new InvalidInput("groupBy", "unknown dimension; use " + ReferralFacts.DIMENSIONS);
                }
                groupBy.add(dimension.trim());
            }
        }
        for (String name : filter.keySet()) {
            if (!ReferralFacts.DIMENSIONS.contains(name)) {
                throw new InvalidInput(name, "unknown filter; use groupBy or one of " + ReferralFacts.DIMENSIONS);
            }
        }
        return counts.count(projections.live().facts().all(), filter, groupBy);
    }

    /** The same table as CSV: one line per group, the count last. */
    @GetMapping(value = "/referrals", produces = "text/csv")
    public String referralsCsv(@RequestParam Map<String, String> parameters) {
        CohortCounts.Table table = referrals(parameters);
        String groupBy = parameters.getOrDefault("groupBy", "");
        List<String> dimensions = groupBy.isBlank() ? List.of() : List.of(groupBy.split(","));
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", dimensions.stream().map(String::trim).toList()))
                .append(dimensions.isEmpty() ? "" : ",").append("count\n");
        for (CohortCounts.Row row : table.rows()) {
            for (String dimension : dimensions) {
                csv.append(row.group().get(dimension.trim())).append(',');
            }
            csv.append(row.count().toCsv()).append('\n');
        }
        csv.append(dimensions.isEmpty() ? "" : "total" + ",".repeat(dimensions.size() - 1) + ",")
                .append(table.total().toCsv()).append('\n');
        return csv.toString();
    }

    /** One person in a pseudonymised dataset. */
    public record PersonRow(String pseudonym, List<String> advocacyTypes, int events) {
    }

    /**
     * Person-level rows for a named dataset: each person under that dataset's pseudonym (stable within it,
     * unlinkable to any other), with non-identifying facts only; people who withdrew consent to evaluation are left out.
     */
    @GetMapping("/people")
    public List<PersonRow> people(@RequestParam String dataset) {
        checkDataset(dataset);
        List<PersonRow> rows = new ArrayList<>();
        java.util.Set<String> withdrawn = projections.live().consent().allWithdrawn();
        for (PersonTimeline timeline : projections.live().timelines().all()) {
            if (withdrawn.contains(timeline.personId())) {
                continue;
            }
            TreeSet<String> types = new TreeSet<>();
            for (PersonTimeline.Entry entry : timeline.entries()) {
                if (EventCatalogue.REFERRAL_RECEIVED.type().equals(entry.type())) {
                    types.add(entry.data().getString("advocacyType").getValue());
                }
            }
            rows.add(new PersonRow(pseudonyms.of(dataset, timeline.personId()), List.copyOf(types),
                    timeline.entries().size()));
        }
        rows.sort(java.util.Comparator.comparing(PersonRow::pseudonym));
        return rows;
    }
}
