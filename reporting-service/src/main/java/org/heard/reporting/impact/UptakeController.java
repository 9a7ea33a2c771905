package org.heard.reporting.impact;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.heard.kit.web.InvalidInput;
import org.heard.reporting.cohort.CohortImpact;
import org.heard.reporting.disclosure.Disclosure;
import org.heard.reporting.disclosure.PublishedValue;
import org.heard.reporting.projection.LiveProjections;
import org.heard.reporting.uptake.QualifiedPerson;
import org.heard.reporting.uptake.Uptake;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Uptake against the denominator: of the people NHS trusts' feeds showed to be qualifying patients for IMHA, how many
 * have an IMHA case, and the first-contact clock of their automatic referrals. Aggregates only, through the disclosure
 * rule and the margin audit, as the other impact views.
 */
@RestController
@RequestMapping("/api/impact")
public class UptakeController {

    /** The labels of the uptake dimensions, for CSV headers. */
    static final Map<String, String> LABELS = Map.of("ethnicGroup", "Ethnic group", "ageBand", "Age band",
            "gender", "Gender", "legalStatusGroup", "Legal status group", "legalStatus",
            "Legal status (code system-code)", "organisation", "Organisation (ODS code)", "site", "Hospital site",
            "ward", "Ward", "month", "Month qualifying began");
    static final Set<String> PERIOD = Set.of("qualifiedFrom", "qualifiedTo");

    private final LiveProjections projections;
    private final Uptake uptake;
    private final Clock clock;

    public UptakeController(LiveProjections projections, Disclosure disclosure, Clock clock) {
        this.projections = projections;
        this.uptake = new Uptake(disclosure);
        this.clock = clock;
    }

    /** The parameters of an uptake query. */
    record UptakeQuery(List<String> groupBy, Map<String, String> filter, LocalDate from, LocalDate to) {

        static UptakeQuery parse(Map<String, String> parameters) {
            Map<String, String> filter = new LinkedHashMap<>(parameters);
            List<String> groupBy = CohortQuery.dimensions(filter.remove("groupBy"), QualifiedPerson.DIMENSIONS);
            LocalDate from = CohortQuery.date("qualifiedFrom", filter.remove("qualifiedFrom"));
            LocalDate to = CohortQuery.date("qualifiedTo", filter.remove("qualifiedTo"));
            if (from != null && to != null && to.isBefore(from)) {
                throw new InvalidInput("qualifiedTo", "must not be before qualifiedFrom");
            }
            for (String name : filter.keySet()) {
                if (!QualifiedPerson.DIMENSIONS.contains(name)) {
                    throw new InvalidInput(CohortQuery.safeName(name), "unknown filter; use groupBy, qualifiedFrom,"
                            + " qualifiedTo or one of " + QualifiedPerson.DIMENSIONS);
                }
            }
            return new UptakeQuery(groupBy, filter, from, to);
        }
    }

    /**
     * Uptake of IMHA by the people who qualified: by any of {@code ethnicGroup}, {@code ageBand}, {@code gender},
     * {@code legalStatusGroup}, {@code legalStatus}, {@code organisation}, {@code site}, {@code ward}, {@code month}
     * ({@code groupBy}, comma separated; the same names filter), of people whose qualifying episode began in a period
     * ({@code qualifiedFrom}, {@code qualifiedTo}, London dates): qualifying people, those with an IMHA case and its
     * share with a 95% interval, those who opted out or declined, and the first-contact clock (median days from the
     * trust's notification to first contact, the share in time of those whose time has come, and those still waiting,
     * overdue or not yet due). A person counts once, in the groups of their earliest qualifying episode of the period.
     * Every figure passes the disclosure rule and the margin audit; figures are as things stand now.
     */
    @GetMapping(value = "/uptake", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<Uptake.Row> uptake(@RequestParam Map<String, String> parameters) {
        return rows(UptakeQuery.parse(parameters));
    }

    private List<Uptake.Row> rows(UptakeQuery query) {
        List<Uptake.Input> people = projections.index().uptake().stream()
                .map(p -> new Uptake.Input(p.id(), p.personId(), p.facts())).toList();
        return uptake.compute(people, query.filter(), query.groupBy(), query.from(), query.to(), clock.instant());
    }

    /** The same table as CSV: one line per group, labelled columns, "*" where withheld. */
    @GetMapping(value = "/uptake", produces = "text/csv")
    public ResponseEntity<String> uptakeCsv(@RequestParam Map<String, String> parameters) {
        UptakeQuery query = UptakeQuery.parse(parameters);
        List<Uptake.Row> rows = rows(query);
        List<String> header = new ArrayList<>();
        header.add("As of (" + Csv.LEGEND + ")");
        query.groupBy().forEach(d -> header.add(LABELS.get(d)));
        header.addAll(List.of("Qualifying people (count)", "With an IMHA case (count)", "Uptake (% of qualifying)",
                "Uptake, 95% CI low (%)", "Uptake, 95% CI high (%)",
                "Opted out or declined, no IMHA case (count)", "With an automatic referral's clock (count)",
                "First contact made (count)", "Median days from notification to first contact",
                "Contacted in time (count)", "Contacted late (count)", "Not contacted, overdue (count)",
                "Not contacted, not yet due (count)", "Opted out or declined before contact (count)",
                "Not contacted, episode ended before due (count)",
                "In time (% of contacted or overdue)", "In time, 95% CI low (%)", "In time, 95% CI high (%)"));
        Csv csv = new Csv().row(header);
        String asOf = LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)).toString();
        for (Uptake.Row row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(asOf);
            query.groupBy().forEach(d -> cells.add(row.group().get(d)));
            Uptake.ClockFigures c = row.firstContact();
            CohortImpact.ShareFigure u = row.withImhaCase();
            CohortImpact.ShareFigure t = c.inTimePercent();
            for (PublishedValue value : List.of(row.qualifyingPeople(), u.count(), u.percent(), u.ci95Low(),
                    u.ci95High(), row.saidNo(), c.referrals(), c.contacted(), c.medianDays(), c.inTime(), c.late(),
                    c.overdue(), c.notYetDue(), c.saidNo(), c.endedBeforeDue(), t.percent(), t.ci95Low(),
                    t.ci95High())) {
                cells.add(value.toCsv());
            }
            csv.row(cells);
        }
        StringBuilder name = new StringBuilder("heard-uptake");
        if (!query.groupBy().isEmpty()) {
            name.append("-by-").append(String.join("-", query.groupBy()));
        }
        return csv.download(name.append("-as-of-").append(asOf).append(".csv").toString());
    }
}
