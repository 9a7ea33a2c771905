package org.heard.reporting.impact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.heard.kit.web.InvalidInput;
import org.heard.reporting.cohort.CohortImpact;
import org.heard.reporting.cohort.ReliableChange;
import org.heard.reporting.cohort.Series;
import org.heard.reporting.framework.FrameworkCatalogue;
import org.heard.reporting.framework.FrameworkVersion;
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
    private static final java.util.Set<String> SERIES_PARAMETERS = java.util.Set.of("axis", "bands");

    private final LiveProjections projections;
    private final CohortCounts counts;
    private final DatasetPseudonyms pseudonyms;
    private final CohortImpact cohorts;
    private final org.heard.reporting.disclosure.Disclosure disclosure;
    private final FrameworkCatalogue catalogue;
    private final AnalyticsProperties analytics;
    private final Series series;

    public ImpactController(LiveProjections projections, CohortCounts counts, DatasetPseudonyms pseudonyms,
                            CohortImpact cohorts, org.heard.reporting.disclosure.Disclosure disclosure,
                            FrameworkCatalogue catalogue, AnalyticsProperties analytics) {
        this.projections = projections;
        this.disclosure = disclosure;
        this.counts = counts;
        this.pseudonyms = pseudonyms;
        this.cohorts = cohorts;
        this.catalogue = catalogue;
        this.analytics = analytics;
        this.series = new Series(disclosure);
    }

    /**
     * Cohort impact: by any combination of {@code advocacyType}, {@code ethnicGroup}, {@code ageBand}, {@code gender},
     * {@code legalStatusGroup}, {@code disability}, {@code quarter}, {@code month}, {@code provider}, {@code team}
     * ({@code groupBy}, comma separated; the same names filter), for one framework ({@code framework}, default heard-empowerment) and optionally one
     * version ({@code frameworkVersion}), of people referred in a period ({@code referredFrom}, {@code referredTo}):
     * people, assessments, mean baseline, latest and change with a 95% confidence interval, shares with any increase /
     * no change / any decrease of the total, reliable change (improvement, no reliable change, deterioration with their
     * 95% intervals), involvement, outcomes by domain and perspective, issues, median days to first contact,
     * transformational impact. Every figure passes the disclosure rule and the margin audit; people who withdrew
     * consent to evaluation count only with data from before the withdrawal. {@code asOf} (an ISO date) gives the
     * figures as they stood at the end of that day (event time).
     */
    @GetMapping(value = "/cohorts", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<CohortImpact.Row> cohorts(@RequestParam Map<String, String> parameters) {
        return cohorts(CohortQuery.parse(parameters, java.util.Set.of()));
    }

    private List<CohortImpact.Row> cohorts(CohortQuery query) {
        Projections live = projections.live();
        List<PersonProfile> all = profiles(query.asOf(), live);
        Map<Integer, ReliableChange> bases = ReliableChange.forFramework(query.framework(), all, catalogue.all(),
                analytics.estimateReliableChange());
        List<PersonProfile> profiles = all.stream().filter(query::inPeriod).toList();
        if (query.frameworkVersion() != null) {
            int version = query.frameworkVersion();
            profiles = profiles.stream().map(p -> p.withReadingsOf(version)).toList();
        }
        return cohorts.compute(profiles, query.framework(), query.filter(), query.groupBy(),
                live.wider().casesWithChangeAchieved(), bases);
    }

    /** Every counted profile as things stand, or as they stood at the end of a date. */
    private List<PersonProfile> profiles(java.time.LocalDate asOf, Projections live) {
        List<PersonProfile> profiles = new ArrayList<>();
        if (asOf == null) {
            // As things stand: erased people's anonymous facts count too, as the cohort figures should not change.
            for (ProfileIndex.Indexed indexed : projections.index().all()) {
                profiles.add(indexed.profile());
            }
        } else {
            // As they stood at the end of a date: the stored facts known by then (one read of the profiles).
            live.profiles().forEach(stored -> {
                PersonProfile profile = PersonProfile.of(stored.facts(), asOf, true);
                if (profile != null) {
                    profiles.add(profile);
                }
            });
        }
        return profiles;
    }

    /**
     * The same cohort table as CSV, to open in a spreadsheet: a file name that says what it holds, a header row of
     * words (framework, version and scale, what each figure is), the as-of date on every row, "*" where withheld.
     */
    @GetMapping(value = "/cohorts", produces = "text/csv")
    public org.springframework.http.ResponseEntity<String> cohortsCsv(@RequestParam Map<String, String> parameters) {
        CohortQuery query = CohortQuery.parse(parameters, java.util.Set.of());
        List<CohortImpact.Row> rows = cohorts(query);
        String scale = scaleLabel(query.framework(), query.frameworkVersion());
        java.util.SortedSet<String> outcomeColumns = new TreeSet<>();
        rows.forEach(row -> outcomeColumns.addAll(row.outcomesByDomainAndPerspective().keySet()));
        List<String> header = new ArrayList<>();
        header.add("As of (" + Csv.LEGEND + ")");
        query.groupBy().forEach(d -> header.add(Dimensions.label(d)));
        header.addAll(List.of("People (count)", "People assessed on " + scale + " (count)", "Assessments (count)",
                "Mean baseline total, " + scale, "Mean latest total, " + scale,
                "Mean change of the total, latest minus baseline (score points)",
                "Mean change, 95% CI low", "Mean change, 95% CI high",
                "Any increase of the total (% of people with 2+ readings)", "No change of the total (%)",
                "Any decrease of the total (%)",
                "Reliable change assessed: baseline and a later reading of the same version (count)",
                "Reliable improvement (count)", "Reliable improvement (% of assessed)",
                "Reliable improvement, 95% CI low (%)", "Reliable improvement, 95% CI high (%)",
                "No reliable change (count)", "No reliable change (% of assessed)",
                "No reliable change, 95% CI low (%)", "No reliable change, 95% CI high (%)",
                "Reliable deterioration (count)", "Reliable deterioration (% of assessed)",
                "Reliable deterioration, 95% CI low (%)", "Reliable deterioration, 95% CI high (%)",
                "Not assessable for reliable change: the version declares no basis (count)",
                "Forums (count)", "Forums the person took part in (%)",
                "Forums where their views were taken into account (%)", "Issues resolved (count)",
                "Issues achieved or partly achieved (% of resolved)", "Median days from referral to first contact",
                "Transformational impact (people)"));
        outcomeColumns.forEach(column -> header.add("Outcomes " + outcomeLabel(column) + " (count)"));
        Csv csv = new Csv().row(header);
        String asOf = asOfText(query.asOf());
        for (CohortImpact.Row row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(asOf);
            query.groupBy().forEach(dimension -> cells.add(row.group().get(dimension)));
            CohortImpact.ReliableChangeFigures rc = row.reliableChange();
            for (org.heard.reporting.disclosure.PublishedValue value : List.of(row.people(), row.assessedPeople(),
                    row.assessments(), row.meanBaseline(), row.meanLatest(), row.meanChange(), row.changeCi95Low(),
                    row.changeCi95High(), row.improvedPercent(), row.unchangedPercent(), row.worsePercent(),
                    rc.assessed())) {
                cells.add(value.toCsv());
            }
            for (CohortImpact.ShareFigure share : List.of(rc.improvement(), rc.noChange(), rc.deterioration())) {
                cells.addAll(List.of(share.count().toCsv(), share.percent().toCsv(), share.ci95Low().toCsv(),
                        share.ci95High().toCsv()));
            }
            for (org.heard.reporting.disclosure.PublishedValue value : List.of(rc.notAssessable(), row.forums(),
                    row.tookPartPercent(), row.viewsTakenPercent(), row.issuesResolved(),
                    row.issuesAchievedPercent(), row.medianDaysToFirstContact(), row.transformational())) {
                cells.add(value.toCsv());
            }
            outcomeColumns.forEach(column -> {
                org.heard.reporting.disclosure.PublishedValue value = row.outcomesByDomainAndPerspective().get(column);
                cells.add(value == null ? disclosure.withheld().toCsv() : value.toCsv());
            });
            csv.row(cells);
        }
        return csv.download(fileName("cohorts", query, null));
    }

    // ------------------------------------------------------------------------------------------------- series

    /**
     * Empowerment over time for one framework version ({@code frameworkVersion}, required): for each group
     * ({@code groupBy}) at each timepoint ({@code axis=timepoint}, the default) or band of weeks since referral
     * ({@code axis=weeks}; {@code bands} the first week of each band, default 0,4,13,26,52), the n, mean total and
     * subscale means with 95% confidence intervals, and the shares with reliable improvement and deterioration from
     * baseline. Same filters, period and {@code asOf} as the cohort table; every figure through the disclosure rule and
     * the margin audit.
     */
    @GetMapping(value = "/series", produces = MediaType.APPLICATION_JSON_VALUE)
    public SeriesView series(@RequestParam Map<String, String> parameters) {
        return series(CohortQuery.parse(parameters, SERIES_PARAMETERS), parameters);
    }

    /**
     * A series as published.
     *
     * @param axis           TIMEPOINT or WEEKS_SINCE_REFERRAL
     * @param scale          the lowest and highest total the version's scoring rule gives, or null when not known
     * @param reliableChange the basis for reliable change of the version
     */
    public record SeriesView(String frameworkId, int frameworkVersion, Series.Axis axis, List<String> points,
                             java.math.BigDecimal[] scale, ReliableChangeView reliableChange, String asOf,
                             List<String> groupBy, List<Series.GroupSeries> groups) {
    }

    private SeriesView series(CohortQuery query, Map<String, String> parameters) {
        if (query.frameworkVersion() == null) {
            throw new InvalidInput("frameworkVersion", "required: a series is of one framework version");
        }
        Series.Axis axis = axis(parameters.get("axis"));
        List<Integer> bands = bands(parameters.get("bands"));
        Projections live = projections.live();
        List<PersonProfile> all = profiles(query.asOf(), live);
        ReliableChange basis = ReliableChange.forFramework(query.framework(), all, catalogue.all(),
                analytics.estimateReliableChange()).get(query.frameworkVersion());
        if (basis == null) {
            basis = ReliableChange.notAvailable(query.framework(), query.frameworkVersion(),
                    "no reading of this version and the version is not known");
        }
        List<PersonProfile> profiles = all.stream().filter(query::inPeriod).toList();
        List<Series.GroupSeries> groups = series.compute(profiles, query.framework(), query.frameworkVersion(),
                query.filter(), query.groupBy(), axis, bands, basis);
        List<String> points = axis == Series.Axis.TIMEPOINT ? Series.TIMEPOINTS : Series.bandLabels(bands);
        return new SeriesView(query.framework(), query.frameworkVersion(), axis, points,
                range(query.framework(), query.frameworkVersion()), ReliableChangeView.of(basis, disclosure),
                query.asOf() == null ? null : query.asOf().toString(), query.groupBy(), groups);
    }

    /** The same series as CSV: one row per group and point. */
    @GetMapping(value = "/series", produces = "text/csv")
    public org.springframework.http.ResponseEntity<String> seriesCsv(@RequestParam Map<String, String> parameters) {
        CohortQuery query = CohortQuery.parse(parameters, SERIES_PARAMETERS);
        SeriesView view = series(query, parameters);
        String scale = scaleLabel(query.framework(), query.frameworkVersion());
        java.util.SortedSet<String> subscales = new TreeSet<>();
        view.groups().forEach(g -> g.points().forEach(p -> subscales.addAll(p.subscales().keySet())));
        List<String> header = new ArrayList<>();
        header.add("As of (" + Csv.LEGEND + ")");
        query.groupBy().forEach(d -> header.add(Dimensions.label(d)));
        header.add(view.axis() == Series.Axis.TIMEPOINT ? "Timepoint" : "Weeks since referral");
        header.addAll(List.of("People with a reading here (n)", "Mean total, " + scale, "Mean total, 95% CI low",
                "Mean total, 95% CI high"));
        for (String subscale : subscales) {
            header.addAll(List.of("Subscale " + subscale + ": people (n)", "Subscale " + subscale + ": mean",
                    "Subscale " + subscale + ": 95% CI low", "Subscale " + subscale + ": 95% CI high"));
        }
        String threshold = view.reliableChange().threshold() == null ? "not available"
                : "threshold " + view.reliableChange().threshold().toPlainString() + " points, "
                + view.reliableChange().method().name().toLowerCase(java.util.Locale.ROOT);
        header.addAll(List.of("People with a baseline and a reading here (n)",
                "Reliable improvement from baseline (count; " + threshold + ")",
                "Reliable improvement (% of those with a baseline)", "Reliable improvement, 95% CI low (%)",
                "Reliable improvement, 95% CI high (%)", "Reliable deterioration from baseline (count)",
                "Reliable deterioration (%)", "Reliable deterioration, 95% CI low (%)",
                "Reliable deterioration, 95% CI high (%)"));
        Csv csv = new Csv().row(header);
        String asOf = asOfText(query.asOf());
        for (Series.GroupSeries group : view.groups()) {
            for (Series.Point point : group.points()) {
                List<String> cells = new ArrayList<>();
                cells.add(asOf);
                query.groupBy().forEach(d -> cells.add(group.group().get(d)));
                cells.add(point.at());
                cells.addAll(estimateCells(point.total()));
                for (String subscale : subscales) {
                    cells.addAll(estimateCells(point.subscales().get(subscale)));
                }
                cells.add(point.pairs() == null ? "" : point.pairs().toCsv());
                for (CohortImpact.ShareFigure share : java.util.Arrays.asList(point.reliableImprovement(),
                        point.reliableDeterioration())) {
                    cells.addAll(share == null ? List.of("", "", "", "") : List.of(share.count().toCsv(),
                            share.percent().toCsv(), share.ci95Low().toCsv(), share.ci95High().toCsv()));
                }
                csv.row(cells);
            }
        }
        return csv.download(fileName("series-" + (view.axis() == Series.Axis.TIMEPOINT ? "timepoints" : "weeks"),
                query, null));
    }

    /** n, mean and interval; empty where a figure does not apply (no one there, an interval of one value). */
    private static List<String> estimateCells(Series.Estimate e) {
        if (e == null) {
            return List.of("", "", "", "");
        }
        List<String> cells = new ArrayList<>();
        for (org.heard.reporting.disclosure.PublishedValue value : java.util.Arrays.asList(e.n(), e.mean(),
                e.ci95Low(), e.ci95High())) {
            cells.add(value == null ? "" : value.toCsv());
        }
        return cells;
    }

    private static Series.Axis axis(String text) {
        if (text == null || text.isBlank() || text.equals("timepoint")) {
            return Series.Axis.TIMEPOINT;
        }
        if (text.equals("weeks")) {
            return Series.Axis.WEEKS_SINCE_REFERRAL;
        }
        throw new InvalidInput("axis", "timepoint or weeks");
    }

    private static List<Integer> bands(String text) {
        if (text == null || text.isBlank()) {
            return Series.DEFAULT_BANDS;
        }
        List<Integer> bands = new ArrayList<>();
        try {
            for (String part : text.split(",")) {
                bands.add(Integer.parseInt(part.trim()));
            }
        } catch (NumberFormatException e) {
            throw new InvalidInput("bands", "whole numbers of weeks, comma separated, rising from 0");
        }
        for (int i = 0; i < bands.size(); i++) {
            if (i == 0 ? bands.get(0) != 0 : bands.get(i) <= bands.get(i - 1)) {
                throw new InvalidInput("bands", "whole numbers of weeks, comma separated, rising from 0");
            }
        }
        if (bands.size() > 20 || bands.get(bands.size() - 1) > 520) {
            throw new InvalidInput("bands", "at most 20 bands, starting by week 520");
        }
        return bands;
    }

    // ------------------------------------------------------------------------------------ frameworks, dimensions

    /**
     * The basis for reliable change of a framework version, as published.
     *
     * @param method            DECLARED (on the version's publication), ESTIMATED (from this deployment's baseline
     *                          readings), NOT_AVAILABLE
     * @param threshold         the least change of the total that is reliable, in score points (2 decimals)
     * @param n                 for an estimate, the baseline readings it is made from (through the disclosure rule)
     */
    public record ReliableChangeView(ReliableChange.Method method, java.math.BigDecimal standardDeviation,
                                     java.math.BigDecimal reliability, String reliabilityCoefficient,
                                     String improvement, String source,
                                     org.heard.reporting.disclosure.PublishedValue n,
                                     java.math.BigDecimal threshold, String reason) {

        static ReliableChangeView of(ReliableChange basis, org.heard.reporting.disclosure.Disclosure disclosure) {
            if (!basis.available()) {
                return new ReliableChangeView(ReliableChange.Method.NOT_AVAILABLE, null, null, null, null, null, null,
                        null, basis.reason());
            }
            return new ReliableChangeView(basis.method(), decimal(basis.standardDeviation(), 2),
                    decimal(basis.reliability(), 3), basis.reliabilityCoefficient(),
                    basis.increaseIsImprovement() ? "INCREASE" : "DECREASE", basis.source(),
                    basis.method() == ReliableChange.Method.ESTIMATED ? disclosure.count(basis.n()) : null,
                    decimal(basis.threshold(), 2), null);
        }

        private static java.math.BigDecimal decimal(double value, int places) {
            return java.math.BigDecimal.valueOf(value).setScale(places, java.math.RoundingMode.HALF_UP);
        }
    }

    /**
     * One framework version as analysts need it beside the figures.
     *
     * @param scale      the lowest and highest total, or null when its items are not known here
     * @param subscales  the subscales its items belong to
     * @param readings   whether any counted person has a reading of it
     */
    public record FrameworkView(String frameworkId, int version, String name, String scoringRule,
                                java.math.BigDecimal[] scale, List<String> subscales, String publishedOn,
                                String retiredOn, boolean readings, ReliableChangeView reliableChange) {
    }

    /**
     * The framework versions known from the framework events or from readings, each with its scale and its basis for
     * reliable change (declared, estimated, or not available, with the reason).
     */
    @GetMapping("/frameworks")
    public List<FrameworkView> frameworks() {
        List<PersonProfile> all = profiles(null, projections.live());
        java.util.Set<String> frameworkIds = new TreeSet<>();
        java.util.Set<String> withReadings = new java.util.HashSet<>();
        for (PersonProfile profile : all) {
            for (PersonProfile.Reading reading : profile.readings()) {
                frameworkIds.add(reading.frameworkId());
                withReadings.add(reading.frameworkId() + "\u0000" + reading.version());
            }
        }
        catalogue.all().forEach(v -> frameworkIds.add(v.frameworkId()));
        List<FrameworkView> views = new ArrayList<>();
        for (String frameworkId : frameworkIds) {
            ReliableChange.forFramework(frameworkId, all, catalogue.all(), analytics.estimateReliableChange())
                    .forEach((version, basis) -> {
                        FrameworkVersion known = catalogue.version(frameworkId, version).orElse(null);
                        List<String> subscales = known == null ? List.of() : known.items().stream()
                                .map(FrameworkVersion.Item::subscale).filter(java.util.Objects::nonNull).distinct()
                                .sorted().toList();
                        views.add(new FrameworkView(frameworkId, version, known == null ? null : known.name(),
                                known == null ? null : known.scoringRule(), known == null ? null : known.totalRange(),
                                subscales, known == null || known.publishedOn() == null ? null
                                        : known.publishedOn().toString(),
                                known == null || known.retiredOn() == null ? null : known.retiredOn().toString(),
                                withReadings.contains(frameworkId + "\u0000" + version),
                                ReliableChangeView.of(basis, disclosure)));
                    });
        }
        return views;
    }

    /** A dimension cohorts can be split and filtered by, with its label. */
    public record DimensionView(String name, String label) {
    }

    /** The dimensions cohorts can be split and filtered by ({@code groupBy} and filter names), with their labels. */
    @GetMapping("/dimensions")
    public List<DimensionView> dimensions() {
        return Dimensions.ALL.stream().map(d -> new DimensionView(d.name(), d.label())).toList();
    }

    private java.math.BigDecimal[] range(String frameworkId, Integer version) {
        return version == null ? null
                : catalogue.version(frameworkId, version).map(FrameworkVersion::totalRange).orElse(null);
    }

    private String scaleLabel(String frameworkId, Integer version) {
        if (version == null) {
            return frameworkId + " (all versions)";
        }
        java.math.BigDecimal[] range = range(frameworkId, version);
        return frameworkId + " v" + version + (range == null ? " (scale not known here)"
                : " (scale " + range[0].toPlainString() + "-" + range[1].toPlainString() + ")");
    }

    private static String outcomeLabel(String column) {
        String[] parts = column.split("/");
        return parts.length == 2 ? parts[0] + ", " + parts[1].toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + "'s view" : column;
    }

    private static String asOfText(java.time.LocalDate asOf) {
        return asOf != null ? asOf.toString() : java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    }

    private static String fileName(String view, CohortQuery query, String suffix) {
        StringBuilder name = new StringBuilder("heard-").append(view).append('-').append(Csv.part(query.framework()));
        if (query.frameworkVersion() != null) {
            name.append("-v").append(query.frameworkVersion());
        }
        if (!query.groupBy().isEmpty()) {
            name.append("-by-").append(String.join("-", query.groupBy()));
        }
        name.append("-as-of-").append(asOfText(query.asOf()));
        return name.append(".csv").toString();
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
        List<String> groupBy = CohortQuery.dimensions(filter.remove("groupBy"), REFERRAL_DIMENSIONS);
        for (String name : filter.keySet()) {
            if (!REFERRAL_DIMENSIONS.contains(name)) {
                throw new InvalidInput(CohortQuery.safeName(name), "unknown filter; use groupBy or one of " + REFERRAL_DIMENSIONS);
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

    /** The same table as CSV: one line per group, the count last, then the total; a file name and labelled columns. */
    @GetMapping(value = "/referrals", produces = "text/csv")
    public org.springframework.http.ResponseEntity<String> referralsCsv(@RequestParam Map<String, String> parameters) {
        CohortCounts.Table table = referrals(parameters);
        List<String> dimensions = CohortQuery.dimensions(parameters.get("groupBy"), REFERRAL_DIMENSIONS);
        List<String> header = new ArrayList<>();
        header.add("As of (" + Csv.LEGEND + ")");
        dimensions.forEach(d -> header.add(d.equals("referralSource") ? "Referral source" : Dimensions.label(d)));
        header.add("Referrals that count (count)");
        Csv csv = new Csv().row(header);
        String asOf = asOfText(null);
        for (CohortCounts.Row row : table.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(asOf);
            dimensions.forEach(d -> cells.add(row.group().get(d)));
            cells.add(row.count().toCsv());
            csv.row(cells);
        }
        List<String> total = new ArrayList<>();
        total.add(asOf);
        for (int i = 0; i < dimensions.size(); i++) {
            total.add(i == 0 ? "total" : "");
        }
        total.add(table.total().toCsv());
        csv.row(total);
        StringBuilder name = new StringBuilder("heard-referrals");
        if (!dimensions.isEmpty()) {
            name.append("-by-").append(String.join("-", dimensions));
        }
        return csv.download(name.append("-as-of-").append(asOf).append(".csv").toString());
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
