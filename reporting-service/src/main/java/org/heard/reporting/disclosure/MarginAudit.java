package org.heard.reporting.disclosure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Secondary suppression: protects each suppressed cell of a grouped table against differencing with a margin. For
 * every set of sibling cells that add up to a margin the API also publishes (the table's total, and for each group-by
 * dimension the same query grouped by the others), it works out what someone who knows the rule can infer about each
 * suppressed cell from the margin minus its published siblings, and if that pins the cell to one count, it also
 * withholds the smallest sibling still shown. Someone who sees "*" cannot tell a small count from one withheld to
 * protect another, so a "*" sibling is taken as "1 or more"; the margin is taken at its own published value.
 *
 * <p>What this guarantees: no count of 1 to {@code suppressUpTo} can be pinned from one table together with any one of
 * its margins (or, as before, from two nested filters). It does not solve every system of many queries at once;
 * that would need cell-key perturbation or a query budget (see the README).
 */
public final class MarginAudit {

    private final Disclosure disclosure;

    public MarginAudit(Disclosure disclosure) {
        this.disclosure = disclosure;
    }

    /**
     * @param counts the true count of each group of a table (group values in group-by order; every group non-empty)
     * @return the groups to withhold although their own count could have been shown
     */
    public Set<List<String>> secondary(Map<List<String>, Long> counts) {
        Set<List<String>> withheld = new HashSet<>();
        if (counts.isEmpty()) {
            return withheld;
        }
        int dimensions = counts.keySet().iterator().next().size();
        List<Map<List<String>, List<List<String>>>> siblingSets = new ArrayList<>();
        siblingSets.add(Map.of(List.of(), new ArrayList<>(counts.keySet()))); // the table's own total
        for (int removed = 0; removed < dimensions && dimensions > 1; removed++) {
            Map<List<String>, List<List<String>>> byMargin = new LinkedHashMap<>();
            for (List<String> key : counts.keySet()) {
                List<String> margin = new ArrayList<>(key);
                margin.remove(removed);
                byMargin.computeIfAbsent(margin, m -> new ArrayList<>()).add(key);
            }
            siblingSets.add(byMargin);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map<List<String>, List<List<String>>> sets : siblingSets) {
                for (List<List<String>> siblings : sets.values()) {
                    changed |= protect(siblings, counts, withheld);
                }
            }
        }
        return withheld;
    }

    /** @return true when it withheld another sibling */
    private boolean protect(List<List<String>> siblings, Map<List<String>, Long> counts, Set<List<String>> withheld) {
        long margin = siblings.stream().mapToLong(counts::get).sum();
        long[] marginRange = range(disclosure.count(margin));
        for (List<String> cell : siblings) {
            if (!disclosure.count(counts.get(cell)).isSuppressed()) {
                continue;
            }
            long sumLo = 0;
            long sumHi = 0;
            boolean unbounded = false;
            for (List<String> other : siblings) {
                if (other.equals(cell)) {
                    continue;
                }
                PublishedValue shown = disclosure.count(counts.get(other));
                if (shown.isSuppressed() || withheld.contains(other)) {
                    sumLo += 1;
                    unbounded = true;
                } else {
                    long[] r = range(shown);
                    sumLo += r[0];
                    sumHi += r[1];
                }
            }
            long lo = unbounded ? 1 : Math.max(1, marginRange[0] - sumHi);
            long hi = Math.min(disclosure.rule().suppressUpTo(), marginRange[1] - sumLo);
            if (lo >= hi) {
                List<String> smallest = null;
                for (List<String> other : siblings) {
                    if (!other.equals(cell) && !withheld.contains(other)
                            && !disclosure.count(counts.get(other)).isSuppressed()
                            && (smallest == null || counts.get(other) < counts.get(smallest))) {
                        smallest = other;
                    }
                }
                if (smallest != null) {
                    withheld.add(smallest);
                    return true;
                }
            }
        }
        return false;
    }

    /** The true counts consistent with a published count: "*" is 1 to suppressUpTo (a margin is never withheld). */
    private long[] range(PublishedValue shown) {
        int upTo = disclosure.rule().suppressUpTo();
        if (shown.isSuppressed()) {
            return new long[] {1, upTo};
        }
        long value = shown.number().longValueExact();
        if (value == 0) {
            return new long[] {0, 0};
        }
        long base = disclosure.rule().roundingBase();
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long count = Math.max(upTo + 1L, value - base); count <= value + base; count++) {
            PublishedValue candidate = disclosure.count(count);
            if (!candidate.isSuppressed() && candidate.number().longValueExact() == value) {
                lo = Math.min(lo, count);
                hi = Math.max(hi, count);
            }
        }
        return new long[] {lo, hi};
    }
}
