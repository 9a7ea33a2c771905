package org.heard.reporting.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.heard.reporting.disclosure.CohortCounts.Fact;
import org.heard.reporting.disclosure.CohortCounts.Row;
import org.heard.reporting.disclosure.CohortCounts.Table;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the suppression rule over many rules, counts and small made-up cohorts.
 *
 * <p><b>What is guaranteed.</b> No published count is a number in 1..suppressUpTo, for every rule
 * {@link DisclosureRule} accepts. For a difference of <em>two</em> published numbers that the API allows an analyst to
 * put side by side — a filter and the same filter narrowed by one more dimension=value, each ungrouped or grouped the
 * same way — an analyst who knows the rule can never pin a true difference of 1..suppressUpTo to one value, under any
 * accepted rule with suppressUpTo &ge; 2 and roundingBase &ge; 2. Under the standard rule 7/5 that difference also
 * reveals no more than a "*" would: what the analyst can infer either includes a value outside 1..7 or is all of 1..7
 * (only when the wider query is itself "*" and the narrower one 0). Under the standard rule the same "never pinned"
 * holds when the difference group is itself a published row: the total of a table with two rows minus one row.
 *
 * <p><b>What is not guaranteed.</b> Inferred ranges may still be narrower than 1..suppressUpTo when the difference
 * group is itself published (total 15 minus a row of "*" leaves the other "*" row 6 or 7). Under other accepted rules a
 * total minus one row can pin a row: 9/5 publishes total 18 with rows 9 and 9 as 20, "*", "*", and each row must be 9.
 * A rule of suppressUpTo 1 or roundingBase 1 protects nothing against differencing. The rule alone would let the
 * total minus the sum of two or more rows pin a suppressed row (17 people in 17 different cells: every row "*",
 * total 15, so every row exactly 1); {@link MarginAudit} closes that for a table and each of its margins, shown by
 * {@link MarginAuditPropertiesTest}. A "*" here may therefore also be a count withheld to protect another.
 */
class DisclosurePropertiesTest {

    private static final List<String> DIMENSIONS = List.of("forum", "legalStatus", "ward");

    // ---- a) no published count is a small number ----

    @Property
    void noPublishedCountIsASmallNumberUnderAnyAcceptedRule(@ForAll("acceptedRules") DisclosureRule rule,
            @ForAll @LongRange(max = 100_000) long trueCount) {
        PublishedValue published = new Disclosure(rule).count(trueCount);

        if (published.isSuppressed()) {
            assertThat(trueCount).isBetween(1L, (long) rule.suppressUpTo());
        } else {
            long shown = published.number().longValueExact();
            assertThat(shown == 0 || shown > rule.suppressUpTo()).as("published %s", shown).isTrue();
            assertThat(shown == 0).isEqualTo(trueCount == 0);
            assertThat(shown % rule.roundingBase()).isZero();
            assertThat(2 * Math.abs(shown - trueCount)).isLessThanOrEqualTo(rule.roundingBase());
            if (2 * Math.abs(shown - trueCount) == rule.roundingBase()) {
                assertThat(shown).as("a half is rounded up").isGreaterThan(trueCount);
            }
        }
    }

    @Property
    void aRuleIsAcceptedExactlyWhenItsSmallestShownCountRoundsAboveTheThreshold(
            @ForAll @IntRange(max = 40) int suppressUpTo, @ForAll @IntRange(min = 1, max = 40) int roundingBase) {
        long smallestShown = Attacker.nearestMultiple(suppressUpTo + 1L, roundingBase);

        if (smallestShown > suppressUpTo) {
            assertThat(new DisclosureRule(suppressUpTo, roundingBase).suppressUpTo()).isEqualTo(suppressUpTo);
        } else {
            assertThatThrownBy(() -> new DisclosureRule(suppressUpTo, roundingBase))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ---- b) differencing two overlapping queries ----

    /** The standard rule: never pinned, no more than a "*" for unpublished groups, and a two-row total too. */
    @Property(tries = 1500)
    void underTheStandardRuleNoDifferenceOfTwoPublishedNumbersPinsASmallCount(@ForAll("pairs") QueryPair pair) {
        DisclosureRule rule = DisclosureRule.standard();
        Attacker attacker = new Attacker(rule);

        List<Inference> inferences = pair.infer(new CohortCounts(new Disclosure(rule)), attacker);

        for (Inference inference : inferences) {
            assertSound(inference);
            if (attacker.small().contains(inference.trueCount())) {
                assertThat(inference.consistent().size()).as("%s", inference).isGreaterThan(1);
                if (!inference.groupIsPublished()) {
                    Attacker.Range consistent = inference.consistent();
                    assertThat(!consistent.isWithin(attacker.small()) || consistent.equals(attacker.small()))
                            .as("%s reveals more than a *", inference).isTrue();
                }
            }
        }
        // the properties above only say something if small differences actually come up
        Statistics.label("a small difference of two queries").collect(inferences.stream()
                .anyMatch(i -> !i.groupIsPublished() && attacker.small().contains(i.trueCount())));
        Statistics.label("a small difference of two queries").coverage(
                coverage -> coverage.check(true).percentage(percent -> percent > 10));
        Statistics.label("a small row from the total minus the other row").collect(inferences.stream()
                .anyMatch(i -> i.groupIsPublished() && attacker.small().contains(i.trueCount())));
        Statistics.label("a small row from the total minus the other row").coverage(
                coverage -> coverage.check(true).percentage(percent -> percent > 3));
    }

    /** Any accepted rule with suppressUpTo and roundingBase of at least 2: a narrowed query never pins a group. */
    @Property(tries = 1500)
    void underAnyRuleThatSuppressesAndRoundsTwoNestedQueriesNeverPinASmallCount(
            @ForAll("protectiveRules") DisclosureRule rule, @ForAll("pairs") QueryPair pair) {
        Attacker attacker = new Attacker(rule);

        List<Inference> inferences = pair.infer(new CohortCounts(new Disclosure(rule)), attacker).stream()
                .filter(inference -> !inference.groupIsPublished()).toList();

        for (Inference inference : inferences) {
            assertSound(inference);
            if (attacker.small().contains(inference.trueCount())) {
                assertThat(inference.consistent().size()).as("%s", inference).isGreaterThan(1);
            }
        }
        Statistics.label("a small difference").collect(
                inferences.stream().anyMatch(i -> attacker.small().contains(i.trueCount())));
        Statistics.label("a small difference").coverage(
                coverage -> coverage.check(true).percentage(percent -> percent > 10));
    }

    /** The attacker model is only a check if it never rules out the truth. */
    private static void assertSound(Inference inference) {
        assertThat(inference.consistent().contains(inference.trueCount())).as("%s", inference).isTrue();
    }

    // ---- c) means and shares ----

    @Property
    void aMeanIsWithheldExactlyWhenItsCountIsZeroOrWouldBeSuppressed(@ForAll("acceptedRules") DisclosureRule rule,
            @ForAll @LongRange(max = 500) long n, @ForAll @DoubleRange(min = -1e6, max = 1e6) double sum) {
        PublishedValue mean = new Disclosure(rule).mean(sum, n);

        assertThat(mean.isSuppressed()).isEqualTo(n <= rule.suppressUpTo());
        if (!mean.isSuppressed()) {
            assertThat(mean.number().doubleValue()).isCloseTo(sum / n, offset(0.0051));
        }
    }

    @Property
    void aShareIsWithheldExactlyWhenTheRuleSaysAndOtherwiseFollowsFromThePublishedCounts(
            @ForAll("acceptedRules") DisclosureRule rule, @ForAll @LongRange(max = 300) long whole,
            @ForAll @LongRange(max = 300) long someOf) {
        long part = Math.min(someOf, whole);
        Disclosure disclosure = new Disclosure(rule);

        PublishedValue share = disclosure.share(part, whole);

        boolean small = between(part, 1, rule.suppressUpTo()) || between(whole, 1, rule.suppressUpTo());
        assertThat(share.isSuppressed()).isEqualTo(whole == 0 || small);
        if (!share.isSuppressed()) {
            BigDecimal shownPart = disclosure.count(part).number();
            BigDecimal shownWhole = disclosure.count(whole).number();
            assertThat(share.number()).isEqualByComparingTo(
                    shownPart.multiply(BigDecimal.valueOf(100)).divide(shownWhole, 1, RoundingMode.HALF_UP));
            assertThat(share.number()).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(100));
        }
    }

    private static boolean between(long value, long lo, long hi) {
        return lo <= value && value <= hi;
    }

    // ---- generators ----

    @Provide
    Arbitrary<DisclosureRule> acceptedRules() {
        return rules(0, 1);
    }

    @Provide
    Arbitrary<DisclosureRule> protectiveRules() {
        return rules(2, 2);
    }

    private static Arbitrary<DisclosureRule> rules(int minThreshold, int minBase) {
        return Combinators.combine(Arbitraries.integers().between(minThreshold, 30),
                        Arbitraries.integers().between(minBase, 30))
                .as((threshold, base) -> new int[] {threshold, base})
                .filter(rule -> Attacker.nearestMultiple(rule[0] + 1L, rule[1]) > rule[0])
                .map(rule -> new DisclosureRule(rule[0], rule[1]));
    }

    /** 0–60 facts over 2–3 dimensions of 2–4 values each, and two overlapping queries over them. */
    @Provide
    Arbitrary<QueryPair> pairs() {
        Arbitrary<Map<String, List<String>>> dimensions = Arbitraries.integers().between(2, 3)
                .flatMap(count -> Arbitraries.integers().between(2, 4).list().ofSize(count))
                .map(valueCounts -> {
                    Map<String, List<String>> byName = new LinkedHashMap<>();
                    for (int d = 0; d < valueCounts.size(); d++) {
                        List<String> values = new ArrayList<>();
                        for (int v = 1; v <= valueCounts.get(d); v++) {
                            values.add(DIMENSIONS.get(d) + "-" + v);
                        }
                        byName.put(DIMENSIONS.get(d), values);
                    }
                    return byName;
                });
        return dimensions.flatMap(dims -> Combinators.combine(facts(dims), query(dims)).as(
                (facts, query) -> query.withFacts(facts)));
    }

    private static Arbitrary<List<Fact>> facts(Map<String, List<String>> dims) {
        List<Arbitrary<String>> values = dims.values().stream().map(Arbitraries::of).toList();
        List<String> names = List.copyOf(dims.keySet());
        return Combinators.combine(values).as(chosen -> {
            Map<String, String> fact = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                fact.put(names.get(i), chosen.get(i));
            }
            return new Fact(fact);
        }).list().ofMaxSize(60);
    }

    /** A filter on some dimensions, one more dimension=value to narrow it by, and how the two queries are grouped. */
    private static Arbitrary<QueryPair> query(Map<String, List<String>> dims) {
        List<String> names = List.copyOf(dims.keySet());
        return Arbitraries.shuffle(names).flatMap(order -> {
            String narrowBy = order.get(0);
            List<String> others = order.subList(1, order.size());
            Arbitrary<Map<String, String>> filter = Arbitraries.integers().between(0, others.size())
                    .flatMap(size -> {
                        List<Arbitrary<String>> values = others.subList(0, size).stream()
                                .map(name -> Arbitraries.of(dims.get(name))).toList();
                        return Combinators.combine(values).as(chosen -> {
                            Map<String, String> map = new HashMap<>();
                            for (int i = 0; i < chosen.size(); i++) {
                                map.put(others.get(i), chosen.get(i));
                            }
                            return map;
                        });
                    });
            Arbitrary<List<String>> groupBy = Arbitraries.subsetOf(others).map(List::copyOf);
            return Combinators.combine(Arbitraries.of(Kind.class), filter, Arbitraries.of(dims.get(narrowBy)), groupBy)
                    .as((kind, f, value, group) -> new QueryPair(kind, List.of(), f, narrowBy, value, group));
        });
    }

    enum Kind {
        /** Filter F, then F and narrowBy=value; both ungrouped, or both grouped by the same dimensions. */
        NARROWED,
        /** Filter F ungrouped, then F grouped by narrowBy: the total minus one row gives the other row. */
        TOTAL_THEN_GROUPED
    }

    /** What an analyst infers about one group's true count from two published numbers. */
    record Inference(String group, long trueCount, Attacker.Range consistent, boolean groupIsPublished) {
    }

    record QueryPair(Kind kind, List<Fact> facts, Map<String, String> filter, String narrowBy, String value,
            List<String> groupBy) {

        QueryPair withFacts(List<Fact> facts) {
            return new QueryPair(kind, facts, filter, narrowBy, value, groupBy);
        }

        List<Inference> infer(CohortCounts counts, Attacker attacker) {
            return kind == Kind.NARROWED ? narrowed(counts, attacker) : totalThenGrouped(counts, attacker);
        }

        private List<Inference> narrowed(CohortCounts counts, Attacker attacker) {
            Map<String, String> narrower = new HashMap<>(filter);
            narrower.put(narrowBy, value);
            Table wide = counts.count(facts, filter, groupBy);
            Table narrow = counts.count(facts, narrower, groupBy);
            List<Inference> inferences = new ArrayList<>();
            inferences.add(difference("total", filter, wide.total(), narrow.total(), attacker));
            for (Row row : wide.rows()) {
                PublishedValue narrowCount = narrow.rows().stream().filter(r -> r.group().equals(row.group()))
                        .map(Row::count).findFirst().orElse(new Disclosure(attacker.rule()).count(0));
                Map<String, String> cell = new HashMap<>(filter);
                cell.putAll(row.group());
                inferences.add(difference(row.group().toString(), cell, row.count(), narrowCount, attacker));
            }
            return inferences;
        }

        private Inference difference(String group, Map<String, String> cell, PublishedValue wide,
                PublishedValue narrow, Attacker attacker) {
            long trueCount = facts.stream()
                    .filter(f -> matches(f, cell) && !value.equals(f.dimensions().get(narrowBy))).count();
            Attacker.Range consistent = attacker.consistent(wide).minus(attacker.consistent(narrow));
            return new Inference(group + " without " + narrowBy + "=" + value + " (" + wide + " - " + narrow + ")",
                    trueCount, consistent, false);
        }

        private List<Inference> totalThenGrouped(CohortCounts counts, Attacker attacker) {
            Table total = counts.count(facts, filter, List.of());
            Table grouped = counts.count(facts, filter, List.of(narrowBy));
            if (grouped.rows().size() != 2) {
                return List.of();
            }
            List<Inference> inferences = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Row row = grouped.rows().get(i);
                Row other = grouped.rows().get(1 - i);
                Map<String, String> cell = new HashMap<>(filter);
                cell.putAll(row.group());
                long trueCount = facts.stream().filter(f -> matches(f, cell)).count();
                Attacker.Range consistent = attacker.consistent(row.count()).intersect(
                        attacker.consistent(total.total()).minus(attacker.consistent(other.count())));
                inferences.add(new Inference(row.group() + " (" + total.total() + " - " + other.count() + ", itself "
                        + row.count() + ")", trueCount, consistent, true));
            }
            return inferences;
        }

        private static boolean matches(Fact fact, Map<String, String> filter) {
            return filter.entrySet().stream().allMatch(e -> e.getValue().equals(fact.dimensions().get(e.getKey())));
        }
    }
}
