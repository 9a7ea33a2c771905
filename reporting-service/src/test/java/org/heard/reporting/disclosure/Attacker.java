package org.heard.reporting.disclosure;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What someone who knows the rule and sees only published values can infer about a true count. Written from the rule's
 * words, not from {@link Disclosure}'s code, so that the two can disagree.
 */
record Attacker(DisclosureRule rule) {

    /** The true counts in {@code lo..hi}; empty when {@code lo > hi}. */
    record Range(long lo, long hi) {

        boolean isEmpty() {
            return lo > hi;
        }

        long size() {
            return isEmpty() ? 0 : hi == Long.MAX_VALUE ? Long.MAX_VALUE : hi - lo + 1;
        }

        boolean contains(long value) {
            return lo <= value && value <= hi;
        }

        /** Every difference of a count in this range and a count in {@code other} that is not negative. */
        Range minus(Range other) {
            return new Range(Math.max(0, lo - other.hi), hi == Long.MAX_VALUE ? hi : hi - other.lo);
        }

        Range intersect(Range other) {
            return new Range(Math.max(lo, other.lo), Math.min(hi, other.hi));
        }

        boolean isWithin(Range other) {
            return other.lo <= lo && hi <= other.hi;
        }
    }

    /** The suppressed range, 1..suppressUpTo. */
    Range small() {
        return new Range(1, rule.suppressUpTo());
    }

    /**
     * "*" means 1..suppressUpTo or a count withheld to protect another (so: 1 or more), 0 means exactly 0, v means every
     * count above the threshold that rounds to v.
     */
    Range consistent(PublishedValue published) {
        if (published.isSuppressed()) {
            return new Range(1, Long.MAX_VALUE);
        }
        long shown = published.number().longValueExact();
        if (shown == 0) {
            return new Range(0, 0);
        }
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long count = Math.max(rule.suppressUpTo() + 1L, shown - rule.roundingBase());
                count <= shown + rule.roundingBase(); count++) {
            if (nearestMultiple(count) == shown) {
                lo = Math.min(lo, count);
                hi = Math.max(hi, count);
            }
        }
        return new Range(lo, hi);
    }

    long nearestMultiple(long count) {
        return nearestMultiple(count, rule.roundingBase());
    }

    /** {@code count} rounded to the nearest multiple of {@code base}, halves up. */
    static long nearestMultiple(long count, int base) {
        BigDecimal multiple = BigDecimal.valueOf(base);
        return BigDecimal.valueOf(count).divide(multiple, 0, RoundingMode.HALF_UP).multiply(multiple).longValueExact();
    }
}
