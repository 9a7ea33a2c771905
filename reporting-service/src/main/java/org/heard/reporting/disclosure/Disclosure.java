package org.heard.reporting.disclosure;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one place where a true aggregate becomes a number an analyst may see. Every count, mean and share the analyst API
 * publishes goes through here, so the rule of the deployment ({@link DisclosureRule}) is applied once and the same way.
 *
 * <p>Arithmetic is exact ({@code long} and {@link BigDecimal}, half-up), so a published value does not depend on
 * floating-point accidents and can be recomputed by hand.
 */
public final class Disclosure {

    private final DisclosureRule rule;

    public Disclosure(DisclosureRule rule) {
        if (rule == null) {
            throw new IllegalArgumentException("rule is required");
        }
        this.rule = rule;
    }

    public DisclosureRule rule() {
        return rule;
    }

    /**
     * A count as published: 0 stays 0 (a true zero tells nobody about anybody), 1 to {@code suppressUpTo} is "*", and
     * anything larger is rounded to the nearest multiple of {@code roundingBase}, so that subtracting two published
     * counts cannot give an exact small number.
     */
    public PublishedValue count(long trueCount) {
        if (trueCount < 0) {
            throw new IllegalArgumentException("a count cannot be negative, was " + trueCount);
        }
        if (trueCount == 0) {
            return PublishedValue.of(0);
        }
        if (isSuppressed(trueCount)) {
            return PublishedValue.suppressed();
        }
        return PublishedValue.of(rule.round(trueCount));
    }

    /**
     * The mean of {@code n} values summing to {@code sum}, to 2 decimals; withheld when there are no values or when
     * {@code n} itself would be suppressed, because a mean of a handful of people describes those people.
     */
    public PublishedValue mean(double sum, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n cannot be negative, was " + n);
        }
        if (!Double.isFinite(sum)) {
            throw new IllegalArgumentException("sum must be a finite number, was " + sum);
        }
        if (n == 0 || isSuppressed(n)) {
            return PublishedValue.suppressed();
        }
        return PublishedValue.of(BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP));
    }

    /** A withheld cell ("*"), for every figure of a group whose own size is suppressed. */
    public PublishedValue withheld() {
        return PublishedValue.suppressed();
    }

    /**
     * Any other statistic of a group of {@code n} (a median, a confidence limit), to 2 decimals; withheld on the same
     * terms as a mean.
     */
    public PublishedValue statistic(double value, long n) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be a finite number, was " + value);
        }
        if (n <= 0 || isSuppressed(n)) {
            return PublishedValue.suppressed();
        }
        return PublishedValue.of(BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP));
    }

    /**
     * {@code part} as a percentage of {@code whole}, to 1 decimal; withheld when either count would be suppressed or
     * the whole is 0. It is computed from the published (rounded) counts, not the true ones, so it tells an analyst
     * nothing the two published counts do not already tell: a share of true counts would undo the rounding.
     */
    public PublishedValue share(long part, long whole) {
        if (part < 0 || part > whole) {
            throw new IllegalArgumentException("part must be between 0 and whole (" + whole + "), was " + part);
        }
        if (whole == 0 || isSuppressed(part) || isSuppressed(whole)) {
            return PublishedValue.suppressed();
        }
        long shownPart = part == 0 ? 0 : rule.round(part);
        long shownWhole = rule.round(whole);
        return PublishedValue.of(BigDecimal.valueOf(Math.multiplyExact(shownPart, 100))
                .divide(BigDecimal.valueOf(shownWhole), 1, RoundingMode.HALF_UP));
    }

    private boolean isSuppressed(long trueCount) {
        return trueCount >= 1 && trueCount <= rule.suppressUpTo();
    }
}
