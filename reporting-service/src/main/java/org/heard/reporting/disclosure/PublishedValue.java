package org.heard.reporting.disclosure;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One cell the analyst API publishes: a number, or "*" when the rule suppresses a count or withholds a mean or share.
 * In JSON it is a plain number ({@code 10}, {@code 3.25}) or the string {@code "*"}; in CSV the same text unquoted.
 *
 * <p>Endpoints get these from {@link Disclosure} only, so every number an analyst sees has been through the rule.
 *
 * @param number the published number; {@code null} when suppressed
 */
public record PublishedValue(BigDecimal number) {

    /** How a suppressed or withheld cell is written, in JSON and CSV alike. */
    public static final String SUPPRESSED = "*";

    private static final PublishedValue SUPPRESSED_VALUE = new PublishedValue(null);

    static PublishedValue suppressed() {
        return SUPPRESSED_VALUE;
    }

    static PublishedValue of(long number) {
        return new PublishedValue(BigDecimal.valueOf(number));
    }

    static PublishedValue of(BigDecimal number) {
        return new PublishedValue(number);
    }

    /** Whether the cell shows "*" instead of a number. */
    public boolean isSuppressed() {
        return number == null;
    }

    /** The JSON form: the number itself, or the string "*". */
    @JsonValue
    public Object json() {
        return isSuppressed() ? SUPPRESSED : number;
    }

    /** The CSV form: "*" or the number in plain notation. */
    public String toCsv() {
        return isSuppressed() ? SUPPRESSED : number.toPlainString();
    }

    @Override
    public String toString() {
        return toCsv();
    }
}
