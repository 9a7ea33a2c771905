package org.heard.reporting.disclosure;

/**
 * The small-number suppression rule of a deployment: counts of 1 to {@code suppressUpTo} are published as "*", other
 * counts are rounded to the nearest multiple of {@code roundingBase} (halves up), and a true zero is published as 0.
 * The standard rule is 7/5, the NHS convention of suppressing 1–7 and rounding the rest to the nearest 5.
 *
 * <p>A rule is refused when rounding the smallest count it shows ({@code suppressUpTo + 1}) would give a number of at
 * most {@code suppressUpTo}: 10/10 would publish 11 as 10 and 7/20 would publish 8 as 0, so a reader could no longer
 * tell a shown count from a suppressed one, nor a true zero from a rounded-down count.
 *
 * <p>Two settings are allowed but offer no protection against differencing: {@code suppressUpTo = 1} ("*" can only
 * mean 1) and {@code roundingBase = 1} (counts above the threshold are exact, so subtracting two of them gives an exact
 * small count).
 *
 * @param suppressUpTo the largest count published as "*"; 0 suppresses nothing
 * @param roundingBase counts above {@code suppressUpTo} are rounded to a multiple of this; 1 leaves them exact
 */
public record DisclosureRule(int suppressUpTo, int roundingBase) {

    public DisclosureRule {
        if (suppressUpTo < 0) {
            throw new IllegalArgumentException("suppressUpTo must be 0 or more, was " + suppressUpTo);
        }
        if (roundingBase < 1) {
            throw new IllegalArgumentException("roundingBase must be 1 or more, was " + roundingBase);
        }
        long smallestShown = suppressUpTo + 1L;
        long published = roundToBase(smallestShown, roundingBase);
        if (published <= suppressUpTo) {
            throw new IllegalArgumentException("suppressUpTo " + suppressUpTo + " with roundingBase " + roundingBase
                    + " would publish a count of " + smallestShown + " as " + published
                    + ", a number the rule itself suppresses; choose a roundingBase that rounds "
                    + smallestShown + " up, or make " + smallestShown + " a multiple of it");
        }
    }

    /** Suppress 1–7, round other counts to the nearest 5. */
    public static DisclosureRule standard() {
        return new DisclosureRule(7, 5);
    }

    /** {@code count} rounded to the nearest multiple of {@code roundingBase}, halves up. */
    long round(long count) {
        return roundToBase(count, roundingBase);
    }

    private static long roundToBase(long count, int base) {
        long quotient = count / base;
        long remainder = count % base;
        if (2 * remainder >= base) {
            quotient++;
        }
        return Math.multiplyExact(quotient, base);
    }
}
