package org.heard.kit.domain;

import java.time.Clock;
import java.time.LocalDate;

import org.heard.kit.web.RuleViolation;

/**
 * The one date rule: what is recorded as having happened cannot lie in the future, today being the day on the
 * services' clock (Europe/London). Aggregates apply it to commands ({@link #notInFuture}, 409); request bodies by
 * {@link NotInFuture} (400), through the same {@link #inFuture}.
 */
public final class Dates {

    private Dates() {
    }

    /** @throws RuleViolation {@code date-in-future} naming the field */
    public static void notInFuture(String field, LocalDate date, Clock clock) {
        if (inFuture(date, clock)) {
            throw new RuleViolation("date-in-future", field + " cannot lie in the future");
        }
    }

    /** True when the date lies after today on the clock. */
    public static boolean inFuture(LocalDate date, Clock clock) {
        return date.isAfter(LocalDate.now(clock));
    }
}
