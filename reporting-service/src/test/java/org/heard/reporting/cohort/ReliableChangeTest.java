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
import org.heard.reporting.framework.FrameworkVersion;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The reliable change index and the cohort figures made with it, recomputed by hand. */
class ReliableChangeTest {

    private static final String F = "heard-empowerment";
    /** SD 4.2, α 0.87: threshold 1.96 × 4.2 × √2 × √0.13 = 4.1975 points. */
    private static final ReliableChangeBasis PILOT = new ReliableChangeBasis(new BigDecimal("4.2"),
            new BigDecimal("0.87"), ReliableChangeBasis.ReliabilityCoefficient.CRONBACH_ALPHA,
            ReliableChangeBasis.ImprovementDirection.INCREASE, "pilot");

    private static PersonProfile.Reading reading(int version, String timepoint, String on, int score) {
        return new PersonProfile.Reading(F, version, timepoint, LocalDate.parse(on), BigDecimal.valueOf(score),
                Map.of());
    }

    private static PersonProfile person(String type, PersonProfile.Reading... readings) {
        return new PersonProfile(type, "BLACK", "25-34", "MAN", "DETAINED", "NO", "2026-Q1",
                LocalDate.parse("2026-01-05"), null, List.of(readings), 0, 0, 0, Map.of(), 0, 0, Set.of());
    }

    @Nested
    class TheIndex {

        @Test
        void aDeclaredBasisGivesTheThresholdOfJacobsonAndTruax() {
            ReliableChange basis = ReliableChange.declared(F, 1, PILOT);

            assertThat(basis.threshold()).isCloseTo(4.1975, org.assertj.core.data.Offset.offset(0.0001));
            assertThat(basis.method()).isEqualTo(ReliableChange.Method.DECLARED);
        }

        @Test
        void aChangeWithinTheThresholdIsNoReliableChangeWhateverItsSign() {
            ReliableChange basis = ReliableChange.declared(F, 1, PILOT);

            assertThat(basis.classify(BigDecimal.valueOf(4))).isEqualTo(ReliableChange.Category.NO_RELIABLE_CHANGE);
            assertThat(basis.classify(BigDecimal.valueOf(-4))).isEqualTo(ReliableChange.Category.NO_RELIABLE_CHANGE);
            assertThat(basis.classify(BigDecimal.valueOf(5))).isEqualTo(ReliableChange.Category.RELIABLE_IMPROVEMENT);
            assertThat(basis.classify(BigDecimal.valueOf(-5)))
                    .isEqualTo(ReliableChange.Category.RELIABLE_DETERIORATION);
        }

        @Test
        void whereLowerScoresAreBetterAFallIsTheImprovement() {
            ReliableChange basis = ReliableChange.declared(F, 1, new ReliableChangeBasis(PILOT.standardDeviation(),
                    PILOT.reliability(), PILOT.reliabilityCoefficient(),
                    ReliableChangeBasis.ImprovementDirection.DECREASE, "pilot"));

            assertThat(basis.classify(BigDecimal.valueOf(-5))).isEqualTo(ReliableChange.Category.RELIABLE_IMPROVEMENT);
        }

        /**
         * Items a, b, c of four baseline readings: (1,2,2) (2,2,3) (3,4,3) (4,4,5). var(a) = 5/3, var(b) = 4/3,
         * var(c) = 4.75/3, sums 5, 7, 10, 13 with var 12.25: α = 3/2 × (1 − 4.5833/12.25) = 0.9388; SD of the
         * totals 3.5; threshold 1.96 × 3.5 × √2 × √(1 − 0.9388) = 2.4005.
         */
        @Test
        void anEstimateFromBaselineReadingsIsCronbachsAlphaAndTheirSpread() {
            List<PersonProfile.Reading> baselines = List.of(baseline(1, 2, 2), baseline(2, 2, 3), baseline(3, 4, 3),
                    baseline(4, 4, 5));

            ReliableChange estimate = ReliableChange.estimate(F, 1, baselines, null, 4);

            assertThat(estimate.method()).isEqualTo(ReliableChange.Method.ESTIMATED);
            assertThat(estimate.reliability()).isCloseTo(0.93878, org.assertj.core.data.Offset.offset(0.00001));
            assertThat(estimate.standardDeviation()).isCloseTo(3.5, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(estimate.threshold()).isCloseTo(2.4005, org.assertj.core.data.Offset.offset(0.0001));
            assertThat(estimate.n()).isEqualTo(4);
        }

        /** With c reverse-scored on 1–5 (6 − value) the sums are 7, 7, 10, 9 (var 2.25) and α would be below 0. */
        @Test
        void anEstimateTurnsReverseScoredItemsRoundAndRefusesAnAlphaOutsideZeroToOne() {
            List<PersonProfile.Reading> baselines = List.of(baseline(1, 2, 2), baseline(2, 2, 3), baseline(3, 4, 3),
                    baseline(4, 4, 5));
            FrameworkVersion version = new FrameworkVersion(F, 1, "x", "SUM", List.of(
                    new FrameworkVersion.Item("a", 1, 5, null, false), new FrameworkVersion.Item("b", 1, 5, null, false),
                    new FrameworkVersion.Item("c", 1, 5, null, true)), LocalDate.parse("2026-01-01"), null, null);

            ReliableChange estimate = ReliableChange.estimate(F, 1, baselines, version, 4);

            assertThat(estimate.available()).isFalse();
            assertThat(estimate.reason()).contains("no usable estimate");
        }

        @Test
        void tooFewBaselineReadingsGiveNoEstimate() {
            ReliableChange estimate = ReliableChange.estimate(F, 1, List.of(baseline(1, 2, 2)), null);

            assertThat(estimate.available()).isFalse();
            assertThat(estimate.classify(BigDecimal.TEN)).isNull();
        }

        private PersonProfile.Reading baseline(int a, int b, int c) {
            return new PersonProfile.Reading(F, 1, "BASELINE", LocalDate.parse("2026-01-05"),
                    BigDecimal.valueOf(a + b + c), Map.of(), Map.of("a", a, "b", b, "c", c));
        }
    }

    @Nested
    class InTheCohortTable {

        /**
         * Four people with a baseline and a follow-up on version 1 (threshold 4.20): changes +8, +4, 0, −5; one on
         * version 2, which declares nothing, +2. Reliable: 1 improved, 2 no reliable change, 1 deteriorated of 4
         * assessed, 1 not assessable. Any increase (the plain figure): +8, +4, +2 of 5 people = 60%.
         * Wilson 95% interval of 1/4: 4.56% to 69.94%; of 2/4: 15.00% to 85.00%.
         */
        @Test
        void sharesOfReliableImprovementNoChangeAndDeteriorationWithTheirIntervals() {
            List<PersonProfile> people = List.of(
                    person("IMHA", reading(1, "BASELINE", "2026-01-10", 12), reading(1, "FOLLOW_UP", "2026-09-10", 20)),
                    person("IMHA", reading(1, "BASELINE", "2026-01-10", 12), reading(1, "FOLLOW_UP", "2026-09-10", 16)),
                    person("IMHA", reading(1, "BASELINE", "2026-01-10", 15), reading(1, "FOLLOW_UP", "2026-09-10", 15)),
                    person("IMHA", reading(1, "BASELINE", "2026-01-10", 20), reading(1, "FOLLOW_UP", "2026-09-10", 15)),
                    person("IMHA", reading(2, "BASELINE", "2026-01-10", 20), reading(2, "REVIEW", "2026-03-10", 22)));
            CohortImpact impact = new CohortImpact(new Disclosure(new DisclosureRule(0, 1)));

            CohortImpact.Row row = impact.compute(people, F, Map.of(), List.of(), Set.of(),
                    Map.of(1, ReliableChange.declared(F, 1, PILOT),
                            2, ReliableChange.notAvailable(F, 2, "none declared"))).get(0);

            CohortImpact.ReliableChangeFigures rc = row.reliableChange();
            assertThat(rc.assessed().toCsv()).isEqualTo("4");
            assertThat(rc.notAssessable().toCsv()).isEqualTo("1");
            assertThat(rc.improvement().count().toCsv()).isEqualTo("1");
            assertThat(rc.improvement().percent().toCsv()).isEqualTo("25.0");
            assertThat(rc.improvement().ci95Low().toCsv()).isEqualTo("4.56");
            assertThat(rc.improvement().ci95High().toCsv()).isEqualTo("69.94");
            assertThat(rc.noChange().count().toCsv()).isEqualTo("2");
            assertThat(rc.noChange().percent().toCsv()).isEqualTo("50.0");
            assertThat(rc.noChange().ci95Low().toCsv()).isEqualTo("15.00");
            assertThat(rc.noChange().ci95High().toCsv()).isEqualTo("85.00");
            assertThat(rc.deterioration().percent().toCsv()).isEqualTo("25.0");
            assertThat(row.improvedPercent().toCsv()).as("the plain figure: any increase").isEqualTo("60.0");
        }

        @Test
        void underTheStandardRuleASmallCategoryIsWithheldWithItsShareAndInterval() {
            List<PersonProfile> people = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                people.add(person("IMHA", reading(1, "BASELINE", "2026-01-10", 12),
                        reading(1, "CLOSURE", "2026-05-10", 20)));
            }
            people.add(person("IMHA", reading(1, "BASELINE", "2026-01-10", 20), reading(1, "CLOSURE", "2026-05-10", 12)));
            CohortImpact impact = new CohortImpact(new Disclosure(DisclosureRule.standard()));

            CohortImpact.ReliableChangeFigures rc = impact.compute(people, F, Map.of(), List.of(), Set.of(),
                    Map.of(1, ReliableChange.declared(F, 1, PILOT))).get(0).reliableChange();

            assertThat(rc.assessed().toCsv()).isEqualTo("10");
            assertThat(rc.improvement().count().toCsv()).isEqualTo("10");  // 9, rounded to the nearest 5
            assertThat(rc.improvement().percent().toCsv()).isEqualTo("100.0");
            assertThat(rc.deterioration().count().toCsv()).isEqualTo("*");
            assertThat(rc.deterioration().percent().toCsv()).isEqualTo("*");
            assertThat(rc.deterioration().ci95Low().toCsv()).isEqualTo("*");
        }

        @Test
        void everyVersionOfTheFrameworkGetsItsDeclaredBasisOrNone() {
            List<PersonProfile> people = List.of(person("IMHA", reading(1, "BASELINE", "2026-01-10", 12)),
                    person("IMHA", reading(2, "BASELINE", "2026-01-10", 12)));
            FrameworkVersion declared = new FrameworkVersion(F, 1, "x", "SUM", List.of(), LocalDate.parse("2026-01-01"),
                    null, PILOT);

            Map<Integer, ReliableChange> bases = ReliableChange.forFramework(F, people, List.of(declared), true);

            assertThat(bases.get(1).method()).isEqualTo(ReliableChange.Method.DECLARED);
            assertThat(bases.get(2).method()).as("one baseline reading is too few to estimate from")
                    .isEqualTo(ReliableChange.Method.NOT_AVAILABLE);
        }
    }
}
