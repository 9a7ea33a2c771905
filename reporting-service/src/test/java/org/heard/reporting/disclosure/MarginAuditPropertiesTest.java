package org.heard.reporting.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.heard.reporting.disclosure.CohortCounts.Fact;
import org.heard.reporting.disclosure.CohortCounts.Row;
import org.heard.reporting.disclosure.CohortCounts.Table;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * A table and any one of its margins, side by side: for every suppressed cell whose true count is small, what an
 * analyst who knows the rule infers from a margin minus the cell's published siblings never pins it to one count.
 * Margins are the table's own total and, per group-by dimension, the same query grouped by the other dimensions (each
 * published by the same code an analyst would call). The attacker reads "*" as "1 or more" and a margin as its
 * published value.
 */
class MarginAuditPropertiesTest {

    private static final List<String> DIMENSIONS = List.of("ward", "legalStatus", "forum");

    @Property(tries = 1000)
    void noMarginMinusThePublishedSiblingsPinsASmallCell(@ForAll("cohorts") List<Fact> facts,
                                                         @ForAll("dimensionCounts") int dimensions) {
        DisclosureRule rule = DisclosureRule.standard();
        CohortCounts counts = new CohortCounts(new Disclosure(rule));
        Attacker attacker = new Attacker(rule);
        List<String> groupBy = DIMENSIONS.subList(0, dimensions);
        Table table = counts.count(facts, Map.of(), groupBy);
        Map<List<String>, Long> truth = trueCounts(facts, groupBy);
        boolean smallCellSeen = false;

        for (int removed = -1; removed < groupBy.size(); removed++) {
            // removed = -1: the table's total; otherwise the margin grouped by every other dimension
            List<String> marginBy = new ArrayList<>(groupBy);
            if (removed >= 0) {
                marginBy.remove(removed);
            }
            Table margins = counts.count(facts, Map.of(), marginBy);
            for (Row cell : table.rows()) {
                long trueCount = truth.get(values(cell, groupBy));
                if (!attacker.small().contains(trueCount)) {
                    continue;
                }
                smallCellSeen = true;
                Attacker.Range inferred = attacker.consistent(marginFor(cell, marginBy, margins));
                for (Row sibling : table.rows()) {
                    if (sibling != cell && sameMargin(sibling, cell, marginBy)) {
                        inferred = inferred.minus(attacker.consistent(sibling.count()));
                    }
                }
                inferred = inferred.intersect(attacker.consistent(cell.count())).intersect(attacker.small());
                assertThat(inferred.contains(trueCount)).as("the attacker model rules out the truth").isTrue();
                assertThat(inferred.size()).as("cell %s (true %d) against margin by %s", cell, trueCount, marginBy)
                        .isGreaterThan(1);
            }
        }
        Statistics.label("a small cell in the table").collect(smallCellSeen);
        Statistics.label("a small cell in the table").coverage(c -> c.check(true).percentage(p -> p > 50));
    }

    private static PublishedValue marginFor(Row cell, List<String> marginBy, Table margins) {
        if (marginBy.isEmpty()) {
            return margins.total();
        }
        return margins.rows().stream().filter(row -> marginBy.stream()
                .allMatch(d -> row.group().get(d).equals(cell.group().get(d)))).findFirst().orElseThrow().count();
    }

    private static boolean sameMargin(Row a, Row b, List<String> marginBy) {
        return marginBy.stream().allMatch(d -> a.group().get(d).equals(b.group().get(d)));
    }

    private static List<String> values(Row row, List<String> groupBy) {
        return groupBy.stream().map(d -> row.group().get(d)).toList();
    }

    private static Map<List<String>, Long> trueCounts(List<Fact> facts, List<String> groupBy) {
        Map<List<String>, Long> truth = new LinkedHashMap<>();
        for (Fact fact : facts) {
            truth.merge(groupBy.stream().map(d -> fact.dimensions().get(d)).toList(), 1L, Long::sum);
        }
        return truth;
    }

    @Provide
    Arbitrary<Integer> dimensionCounts() {
        return Arbitraries.integers().between(1, 3);
    }

    /** Cells of 3 dimensions with 2 or 3 values each; counts mostly small, some above the threshold. */
    @Provide
    Arbitrary<List<Fact>> cohorts() {
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 0)),
                        net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(1, 7)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(8, 30)))
                .list().ofSize(27).map(cellCounts -> {
                    List<Fact> facts = new ArrayList<>();
                    int cell = 0;
                    for (String ward : List.of("w1", "w2", "w3")) {
                        for (String status : List.of("s2", "s3", "cto")) {
                            for (String forum : List.of("ward-round", "tribunal", "cpa")) {
                                for (int i = 0; i < cellCounts.get(cell); i++) {
                                    facts.add(new Fact(Map.of("ward", ward, "legalStatus", status, "forum", forum)));
                                }
                                cell++;
                            }
                        }
                    }
                    return facts;
                });
    }
}
