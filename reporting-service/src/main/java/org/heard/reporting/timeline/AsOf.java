package org.heard.reporting.timeline;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.heard.kit.web.InvalidInput;

/** The {@code asOf} parameter of the views: an ISO date, or absent for "now". */
public final class AsOf {

    private AsOf() {
    }

    /** @throws InvalidInput naming {@code asOf} when it is not an ISO date */
    public static LocalDate parse(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(asOf.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("asOf", "must be an ISO date, e.g. 2026-03-31");
        }
    }
}
