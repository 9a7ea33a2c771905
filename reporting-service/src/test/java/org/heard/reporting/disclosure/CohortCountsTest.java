package org.heard.reporting.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.heard.reporting.disclosure.CohortCounts.Fact;
import org.heard.reporting.disclosure.CohortCounts.Row;
import org.heard.reporting.disclosure.CohortCounts.Table;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class CohortCountsTest {

    private final CohortCounts counts = new CohortCounts(new Disclosure(DisclosureRule.standard()));

    /** 20 tribunals (12 under s3, 8 under s2), 9 ward rounds under s3, 1 CPA review under a CTO: 30 in all. */
    private static List<Fact> involvements() {
        List<Fact> facts = new ArrayList<>();
        add(facts, 12, "tribunal", "s3");
        add(facts, 8, "tribunal", "s2");
        add(facts, 9, "wardRound", "s3");
        add(facts, 1, "cpaReview", "cto");
        return facts;
    }

    private static void add(List<Fact> facts, int times, String forum, String legalStatus) {
        for (int i = 0; i < times; i++) {
            facts.add(new Fact(Map.of("forum", forum, "legalStatus", legalStatus)));
        }
    }

    @Test
    void everyRowAndTheTotalGoThroughTheRuleAndRowsAreSortedByTheirValues() {
        Table table = counts.count(involvements(), Map.of(), List.of("forum"));

        assertThat(table.rows()).containsExactly(
                new Row(Map.of("forum", "cpaReview"), PublishedValue.suppressed()),
                new Row(Map.of("forum", "tribunal"), PublishedValue.of(20)),
                new Row(Map.of("forum", "wardRound"), PublishedValue.of(10)));
        assertThat(table.total()).isEqualTo(PublishedValue.of(30));
    }

    @Test
    void theFilterKeepsFactsMatchingEveryValueAndEmptyGroupsAreNotListed() {
        Table table = counts.count(involvements(), Map.of("legalStatus", "s3"), List.of("legalStatus", "forum"));

        assertThat(table.rows()).extracting(Row::group).containsExactly(
                Map.of("legalStatus", "s3", "forum", "tribunal"),
                Map.of("legalStatus", "s3", "forum", "wardRound"));
        assertThat(table.rows()).extracting(row -> row.count().toCsv()).containsExactly("10", "10");
        assertThat(table.total().toCsv()).isEqualTo("20");
        assertThat(table.rows().get(0).group().keySet()).containsExactly("legalStatus", "forum");
    }

    @Test
    void anUngroupedQueryHasOnlyATotalAndNoMatchIsATrueZero() {
        assertThat(counts.count(involvements(), Map.of("forum", "tribunal", "legalStatus", "s2"), List.of()))
                .isEqualTo(new Table(List.of(), PublishedValue.of(10)));
        assertThat(counts.count(involvements(), Map.of("forum", "tribunal", "legalStatus", "cto"), List.of("forum")))
                .isEqualTo(new Table(List.of(), PublishedValue.of(0)));
    }

    @Test
    void groupingByADimensionAFactLacksIsRefused() {
        assertThatThrownBy(() -> counts.count(involvements(), Map.of(), List.of("ward")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ward");
        assertThatThrownBy(() -> counts.count(involvements(), Map.of(), List.of("forum", "forum")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTableIsPublishedAsRowsOfGroupAndCountAndATotal() throws Exception {
        Table table = counts.count(involvements(), Map.of("forum", "tribunal"), List.of("legalStatus"));

        assertThat(JsonMapper.builder().build().writeValueAsString(table)).isEqualTo(
                "{\"rows\":[{\"group\":{\"legalStatus\":\"s2\"},\"count\":10},"
                        + "{\"group\":{\"legalStatus\":\"s3\"},\"count\":10}],\"total\":20}");
    }

    /**
     * Rows and total are rounded independently, so the total minus two or more rounded rows could leave a suppressed
     * row one possible value: wards A and B with 8 referrals each and ward C with 1 would be 10, 10, "*" with a total
     * of 15, and ward C at most 17 - 16 = 1. The margin audit withholds ward A as well, and then ward C can be anything
     * from 1 to 7 (see {@link MarginAuditPropertiesTest} for every table and margin).
     */
    @Test
    void aRowThatTheTotalMinusTheShownRowsWouldPinIsProtectedByWithholdingASecondRow() {
        List<Fact> referrals = new ArrayList<>();
        Map.of("A", 8, "B", 8, "C", 1).forEach((ward, times) -> {
            for (int i = 0; i < times; i++) {
                referrals.add(new Fact(Map.of("ward", ward)));
            }
        });
        // Shown as 10, 10, * with a total of 15 the * could only be 1: 13..17 - (8..12 + 8..12) meets 1..7 at 1.
        Table byWard = counts.count(referrals, Map.of(), List.of("ward"));
        assertThat(byWard.rows()).extracting(row -> row.count().toCsv()).containsExactly("*", "10", "*");
        assertThat(byWard.total().toCsv()).isEqualTo("15");

        Attacker attacker = new Attacker(DisclosureRule.standard());
        Attacker.Range wardC = attacker.small().intersect(attacker.consistent(byWard.total())
                .minus(attacker.consistent(byWard.rows().get(0).count()))
                .minus(attacker.consistent(byWard.rows().get(1).count())));
        assertThat(wardC.contains(1)).isTrue();
        assertThat(wardC.size()).isGreaterThan(1);
    }
}
