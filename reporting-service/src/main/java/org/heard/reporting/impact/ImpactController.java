package org.heard.reporting.impact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.heard.kit.web.InvalidInput;
import org.heard.reporting.cohort.CohortImpact;
import org.heard.reporting.cohort.PersonProfile;
import org.heard.reporting.disclosure.CohortCounts;
import org.heard.reporting.cohort.ProfileIndex;
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
    /** The dimensions analysts may filter and group referrals by. */
    static final List<String> REFERRAL_DIMENSIONS = List.of("advocacyType", "referralSource", "month", "quarter",
            "provider", "team");

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
     * {@code legalStatusGroup}, {@code disability}, {@code quarter}, {@code month}, {@code provider}, {@code team} ({@code groupBy}, comma separated; the same names
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
                throw new InvalidInput(safeName(name), "unknown filter; use framework, frameworkVersion, asOf, groupBy or one of "
                        + PersonProfile.DIMENSIONS);
            }
        }
        Projections live = projections.live();
        List<PersonProfile> profiles = new ArrayList<>();
        if (asOf == null) {
            // As things stand: erased people's anonymous facts count too, as the cohort figures should not change.
            for (ProfileIndex.Indexed indexed : projections.index().all()) {
                profiles.add(indexed.profile());
            }
        } else {
            // As they stood at the end of a date: the stored facts known by then (one read of the profiles).
            List<PersonProfile> asTheyStood = profiles;
            live.profiles().forEach(stored -> {
                PersonProfile profile = PersonProfile.of(stored.facts(), asOf, true);
                if (profile != null) {
                    asTheyStood.add(profile);
                }
            });
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
                cells.add(value == null ? disclosure.withheld().toCsv() : value.toCsv());
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
        List<TrajectoryRow> rows = new ArrayList<>();
        for (ProfileIndex.Indexed stored : projections.index().all()) {
            if (stored.erased() || stored.profile().evaluationWithdrawn()) {
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
        return dimensions(groupByText, PersonProfile.DIMENSIONS);
    }

    /** The {@code groupBy} dimensions: known ones, each once. */
    private static List<String> dimensions(String groupByText, List<String> known) {
        List<String> groupBy = new ArrayList<>();
        if (groupByText != null && !groupByText.isBlank()) {
            for (String dimension : groupByText.split(",")) {
                if (!known.contains(dimension.trim())) {
                    throw new InvalidInput("groupBy", "unknown dimension; use " + known);
                }
                if (groupBy.contains(dimension.trim())) {
                    throw new InvalidInput("groupBy", "names a dimension twice");
                }
                groupBy.add(dimension.trim());
            }
        }
        return groupBy;
    }

    /** A parameter's name as a problem may repeat it: only a plain identifier, else just "query". */
    private static String safeName(String name) {
        return name.matches("[A-Za-z][A-Za-z0-9_]{0,39}") ? name : "query";
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
     * Referrals counted by any of {@code advocacyType}, {@code referralSource}, {@code month}, {@code quarter},
     * {@code provider}, {@code team}
     * ({@code groupBy}, comma separated), filtered by the same dimensions as parameters. Counts of 1–7 show "*", the
     * rest are rounded to the nearest 5.
     */
    @GetMapping(value = "/referrals", produces = MediaType.APPLICATION_JSON_VALUE)
    public CohortCounts.Table referrals(@RequestParam Map<String, String> parameters) {
        Map<String, String> filter = new LinkedHashMap<>(parameters);
        List<String> groupBy = dimensions(filter.remove("groupBy"), REFERRAL_DIMENSIONS);
        for (String name : filter.keySet()) {
            if (!REFERRAL_DIMENSIONS.contains(name)) {
                throw new InvalidInput(safeName(name), "unknown filter; use groupBy or one of " + REFERRAL_DIMENSIONS);
            }
        }
        List<CohortCounts.Fact> facts = new ArrayList<>();
        for (ProfileIndex.Indexed indexed : projections.index().all()) {
            for (PersonProfile.Referral referral : indexed.profile().referrals()) {
                Map<String, String> dimensions = new java.util.HashMap<>();
                for (String dimension : REFERRAL_DIMENSIONS) {
                    dimensions.put(dimension, referral.dimension(dimension));
                }
                facts.add(new CohortCounts.Fact(dimensions));
            }
        }
        return counts.count(facts, filter, groupBy);
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

    /**
     * One person in a pseudonymised dataset.
     *
     * @param advocacyTypes the kinds of advocacy of their referrals that count
     * @param referrals     how many of their referrals count
     */
    public record PersonRow(String pseudonym, List<String> advocacyTypes, int referrals) {
    }

    /**
     * Person-level rows for a named dataset: each person under that dataset's pseudonym (stable within it,
     * unlinkable to any other), with non-identifying facts only; people whose consent to evaluation is withdrawn and
     * erased people are left out.
     */
    @GetMapping("/people")
    public List<PersonRow> people(@RequestParam String dataset) {
        checkDataset(dataset);
        List<PersonRow> rows = new ArrayList<>();
        for (ProfileIndex.Indexed indexed : projections.index().all()) {
            if (indexed.erased() || indexed.profile().evaluationWithdrawn()) {
                continue;
            }
            TreeSet<String> types = new TreeSet<>();
            indexed.profile().referrals().forEach(r -> types.add(r.advocacyType()));
            rows.add(new PersonRow(pseudonyms.of(dataset, indexed.personId()), List.copyOf(types),
                    indexed.profile().referrals().size()));
        }
        rows.sort(java.util.Comparator.comparing(PersonRow::pseudonym));
        return rows;
    }
}
