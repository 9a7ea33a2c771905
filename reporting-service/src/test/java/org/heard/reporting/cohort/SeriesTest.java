package org.heard.reporting.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.heard.contracts.outcomes.ReliableChangeBasis;
import org.heard.reporting.disclosure.Disclosure;
import org.heard.reporting.disclosure.DisclosureRule;
import org.heard.reporting.disclosure.PublishedValue;
import org.junit.jupiter.api.Test;

/**
 * The series of a small scenario recomputed by hand (a rule that hides nothing, so the arithmetic shows). Three people
 * referred on 2026-01-05, subscale s beside the total; reliable change threshold 1.96 × 2 × √2 × √0.5 = 3.92:
 * <pre>
 *   A  BASELINE 01-05 (wk 0) 10, s 2.0   REVIEW 02-16 (wk 6) 16, s 3.0   FOLLOW_UP 07-06 (wk 26) 18
 *   B  BASELINE 01-12 (wk 1) 12, s 2.5   REVIEW 03-02 (wk 8) 14; REVIEW 03-16 (wk 10) 15, s 3.0 (the latest counts)
 *   C  BASELINE 01-05 (wk 0) 14, s 3.5   CLOSURE 04-06 (wk 13) 13
 * </pre>
 */
class SeriesTest {

    private static final String F = "heard-empowerment";
    private static final ReliableChange BASIS = ReliableChange.declared(F, 1, new ReliableChangeBasis(
            new BigDecimal("2"), new BigDecimal("0.5"), ReliableChangeBasis.ReliabilityCoefficient.TEST_RETEST,
            ReliableChangeBasis.ImprovementDirection.INCREASE, "test"));

    private static PersonProfile.Reading reading(String timepoint, String on, int score, String s) {
        return new PersonProfile.Reading(F, 1, timepoint, LocalDate.parse(on), BigDecimal.valueOf(score),
                s == null ? Map.of() : Map.of("s", new BigDecimal(s)));
    }

    private static PersonProfile person(String type, PersonProfile.Reading... readings) {
        return new PersonProfile(type, "BLACK", "25-34", "MAN", "DETAINED", "NO", "2026-Q1",
                LocalDate.parse("2026-01-05"), null, List.of(readings), 0, 0, 0, Map.of(), 0, 0, Set.of());
    }

    private static List<PersonProfile> scenario() {
        return List.of(
                person("IMHA", reading("BASELINE", "2026-01-05", 10, "2.0"), reading("REVIEW", "2026-02-16", 16, "3.0"),
                        reading("FOLLOW_UP", "2026-07-06", 18, null)),
                person("IMHA", reading("BASELINE", "2026-01-12", 12, "2.5"), reading("REVIEW", "2026-03-02", 14, null),
                        reading("REVIEW", "2026-03-16", 15, "3.0")),
                person("CAMHS", reading("BASELINE", "2026-01-05", 14, "3.5"), reading("CLOSURE", "2026-04-06", 13, null)));
    }

    private static String v(PublishedValue value) {
        return value == null ? null : value.toCsv();
    }

    private final Series series = new Series(new Disclosure(new DisclosureRule(0, 1)));

    @Test
    void byTimepointMeansIntervalsAndReliableImprovement() {
        List<Series.Point> points = series.compute(scenario(), F, 1, Map.of(), List.of(), Series.Axis.TIMEPOINT,
                Series.DEFAULT_BANDS, BASIS).get(0).points();

        assertThat(points).extracting(Series.Point::at).containsExactly("BASELINE", "REVIEW", "CLOSURE", "FOLLOW_UP");
        Series.Point baseline = points.get(0);
        // 10, 12, 14: mean 12, sd 2, 12 ± 1.96 × 2 / √3 = 9.74 to 14.26
        assertThat(v(baseline.total().n())).isEqualTo("3");
        assertThat(v(baseline.total().mean())).isEqualTo("12.00");
        assertThat(v(baseline.total().ci95Low())).isEqualTo("9.74");
        assertThat(v(baseline.total().ci95High())).isEqualTo("14.26");
        assertThat(v(baseline.subscales().get("s").mean())).isEqualTo("2.67");  // (2.0 + 2.5 + 3.5) / 3
        assertThat(baseline.pairs()).isNull();
        assertThat(baseline.reliableImprovement()).isNull();

        Series.Point review = points.get(1);
        // A 16 and B's latest review 15: mean 15.5, sd 0.7071, ± 1.96 × 0.7071 / √2 = ± 0.98
        assertThat(v(review.total().n())).isEqualTo("2");
        assertThat(v(review.total().mean())).isEqualTo("15.50");
        assertThat(v(review.total().ci95Low())).isEqualTo("14.52");
        assertThat(v(review.total().ci95High())).isEqualTo("16.48");
        // changes +6 (beyond 3.92) and +3 (within it)
        assertThat(v(review.pairs())).isEqualTo("2");
        assertThat(v(review.reliableImprovement().count())).isEqualTo("1");
        assertThat(v(review.reliableImprovement().percent())).isEqualTo("50.0");
        assertThat(v(review.reliableDeterioration().count())).isEqualTo("0");

        Series.Point closure = points.get(2);
        assertThat(v(closure.total().mean())).isEqualTo("13.00");
        assertThat(closure.total().ci95Low()).as("one value has no interval").isNull();
        assertThat(v(closure.reliableImprovement().percent())).isEqualTo("0.0");  // −1
        assertThat(v(points.get(3).reliableImprovement().percent())).isEqualTo("100.0");  // +8
    }

    @Test
    void byWeeksSinceReferralInBands() {
        List<Series.Point> points = series.compute(scenario(), F, 1, Map.of(), List.of(),
                Series.Axis.WEEKS_SINCE_REFERRAL, Series.DEFAULT_BANDS, BASIS).get(0).points();

        assertThat(points).extracting(Series.Point::at).containsExactly("0-3", "4-12", "13-25", "26-51", "52+");
        assertThat(v(points.get(0).total().mean())).isEqualTo("12.00");       // the three baselines
        assertThat(points.get(0).reliableImprovement()).as("no one has a later reading there").isNull();
        assertThat(v(points.get(1).total().n())).isEqualTo("2");               // A wk 6, B wk 10 (its latest)
        assertThat(v(points.get(1).total().mean())).isEqualTo("15.50");
        assertThat(v(points.get(1).reliableImprovement().percent())).isEqualTo("50.0");
        assertThat(v(points.get(2).total().mean())).isEqualTo("13.00");       // C wk 13
        assertThat(v(points.get(3).total().mean())).isEqualTo("18.00");       // A wk 26
        assertThat(v(points.get(4).total().n())).isEqualTo("0");
        assertThat(points.get(4).total().mean()).as("no one: nothing to withhold, nothing to show").isNull();
    }

    @Test
    void splitByADimensionEveryGroupHasEveryPoint() {
        List<Series.GroupSeries> groups = series.compute(scenario(), F, 1, Map.of(), List.of("advocacyType"),
                Series.Axis.TIMEPOINT, Series.DEFAULT_BANDS, BASIS);

        assertThat(groups).extracting(g -> g.group().get("advocacyType")).containsExactly("CAMHS", "IMHA");
        assertThat(groups.get(0).points()).hasSize(4);
        assertThat(v(groups.get(1).points().get(0).total().mean())).isEqualTo("11.00");  // A 10, B 12
        assertThat(v(groups.get(0).points().get(1).total().n())).isEqualTo("0");
    }

    /** Baselines of 8, 8 and 1 people would show as 10, 10 and "*" beside a total of 15, pinning the "*" to 1. */
    @Test
    void underTheStandardRuleASmallGroupsPointsAreWithheldAndTheMarginAuditProtectsThem() {
        List<PersonProfile> people = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            people.add(person("IMHA", reading("BASELINE", "2026-01-05", 10 + i % 3, null)));
            people.add(person("COMMUNITY", reading("BASELINE", "2026-01-05", 12, null)));
        }
        people.add(person("CAMHS", reading("BASELINE", "2026-01-05", 20, null)));
        Series standard = new Series(new Disclosure(DisclosureRule.standard()));

        List<Series.GroupSeries> groups = standard.compute(people, F, 1, Map.of(), List.of("advocacyType"),
                Series.Axis.TIMEPOINT, Series.DEFAULT_BANDS, BASIS);

        assertThat(groups).extracting(g -> g.group().get("advocacyType")).containsExactly("CAMHS", "COMMUNITY", "IMHA");
        Series.Estimate camhs = groups.get(0).points().get(0).total();
        assertThat(v(camhs.n())).isEqualTo("*");
        assertThat(v(camhs.mean())).isEqualTo("*");
        assertThat(List.of(v(groups.get(1).points().get(0).total().n()), v(groups.get(2).points().get(0).total().n())))
                .containsExactlyInAnyOrder("*", "10");
        assertThat(List.of(v(groups.get(1).points().get(0).total().mean()),
                v(groups.get(2).points().get(0).total().mean()))).contains("*");
    }
}
