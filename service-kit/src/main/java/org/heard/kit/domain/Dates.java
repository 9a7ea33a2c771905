package org.heard.kit.domain;

import java.time.Clock;
import java.time.LocalDate;

import org.heard.kit.web.RuleViolation;

/** The one date rule every aggregate shares: what is recorded as having happened cannot lie in the future. */
public final class Dates {

    private Dates() {
    }

    /** @throws RuleViolation {@code date-in-future} naming the field */
    public static void notInFuture(String field, LocalDate date, Clock clock) {
        if (date.isAfter(LocalDate.now(clock))) {
            throw new RuleViolation("date-in-future", field + " cannot lie in the future");
        }
    }
}
