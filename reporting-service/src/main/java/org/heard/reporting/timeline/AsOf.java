package org.heard.reporting.timeline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.heard.kit.web.InvalidInput;

/** The {@code asOf} parameter of the views: an ISO date from 2000 to today, or absent for "now". */
public final class AsOf {

    /** Nothing in Heard is older than this. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    private AsOf() {
    }

    /** @throws InvalidInput naming {@code asOf} when it is not an ISO date, or outside 2000-01-01 to today */
    public static LocalDate parse(String asOf) {
        return parse(asOf, Clock.systemUTC());
    }

    static LocalDate parse(String asOf, Clock clock) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(asOf.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("asOf", "must be an ISO date, e.g. 2026-03-31");
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC)))) {
            throw new InvalidInput("asOf", "must be a date from " + EARLIEST + " to today");
        }
        return date;
    }
}
