package org.heard.reporting.disclosure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts a cohort for the analyst API: the facts that match a filter, optionally split by some dimensions, with every
 * count passed through {@link Disclosure}. Pure and in memory, so what an analyst can ask is exactly what is tested.
 *
 * <p>Subtracting one published number from another never pins a small count under the standard rule, but a margin
 * minus two or more rows could: rows of 8, 8 and 1 would be 10, 10 and "*" with a total of 15, and the "*" could only
 * be 1. So every table also passes {@link MarginAudit}: there, the smaller 8 is withheld too.
 */
public final class CohortCounts {

    private final Disclosure disclosure;
    private final MarginAudit audit;

    public CohortCounts(Disclosure disclosure) {
        if (disclosure == null) {
            throw new IllegalArgumentException("disclosure is required");
        }
        this.disclosure = disclosure;
        this.audit = new MarginAudit(disclosure);
    }

    /**
     * One countable thing (a referral, an involvement, a person at a timepoint) described by its dimensions, e.g.
     * {@code forum=tribunal, legalStatus=s3}. A fact carries a value for every dimension analysts may group by.
     *
     * @param dimensions dimension name to value
     */
    public record Fact(Map<String, String> dimensions) {

        public Fact {
            dimensions = Map.copyOf(dimensions);
        }
    }

    /**
     * One group of a table.
     *
     * @param group the group-by dimensions, in the order asked for, with this group's values
     * @param count how many facts are in the group, as published
     */
    public record Row(Map<String, String> group, PublishedValue count) {

        public Row {
            group = Collections.unmodifiableMap(new LinkedHashMap<>(group));
        }
    }

    /**
     * The answer to one query.
     *
     * @param rows  the non-empty groups, sorted by their values in group-by order; none when nothing was grouped by
     * @param total how many facts match the filter, as published
     */
    public record Table(List<Row> rows, PublishedValue total) {

        public Table {
            rows = List.copyOf(rows);
        }
    }

    /**
     * Counts the facts whose dimensions have every value in {@code filter}, grouped by {@code groupBy}. Groups with no
     * facts are not listed (an absent row is a true zero, like a published 0).
     *
     * @throws IllegalArgumentException when a group-by dimension is repeated or missing from a fact that matches
     */
    public Table count(List<Fact> facts, Map<String, String> filter, List<String> groupBy) {
        if (new HashSet<>(groupBy).size() != groupBy.size()) {
            throw new IllegalArgumentException("groupBy names a dimension twice: " + groupBy);
        }
        Map<List<String>, Long> counts = new TreeMap<>(CohortCounts::compareGroups);
        long total = 0;
        for (Fact fact : facts) {
            if (!matches(fact, filter)) {
                continue;
            }
            total++;
            if (!groupBy.isEmpty()) {
                counts.merge(groupOf(fact, groupBy), 1L, Long::sum);
            }
        }
        List<Row> rows = new ArrayList<>(counts.size());
        Set<List<String>> protecting = audit.secondary(counts);
        counts.forEach((values, count) -> rows.add(new Row(zip(groupBy, values),
                protecting.contains(values) ? disclosure.withheld() : disclosure.count(count))));
        return new Table(rows, disclosure.count(total));
    }

    private static boolean matches(Fact fact, Map<String, String> filter) {
        for (Map.Entry<String, String> wanted : filter.entrySet()) {
            if (!wanted.getValue().equals(fact.dimensions().get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> groupOf(Fact fact, List<String> groupBy) {
        List<String> values = new ArrayList<>(groupBy.size());
        for (String dimension : groupBy) {
            String value = fact.dimensions().get(dimension);
            if (value == null) {
                throw new IllegalArgumentException("a fact has no value for the group-by dimension " + dimension);
            }
            values.add(value);
        }
        return values;
    }

    private static Map<String, String> zip(List<String> names, List<String> values) {
        Map<String, String> group = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            group.put(names.get(i), values.get(i));
        }
        return group;
    }

    private static int compareGroups(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int byValue = a.get(i).compareTo(b.get(i));
            if (byValue != 0) {
                return byValue;
            }
        }
        return 0;
    }
}
