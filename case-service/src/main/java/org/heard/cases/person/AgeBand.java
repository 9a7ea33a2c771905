package org.heard.cases.person;

import java.time.LocalDate;
import java.time.Period;

/**
 * Age bands for equality monitoring, derived from the date of birth at the date of the event, so that the band
 * travels in clear while the date of birth stays sealed.
 */
public final class AgeBand {

    private static final int[] LOWER = {0, 16, 18, 25, 35, 45, 55, 65};
    private static final String[] NAMES = {"0-15", "16-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"};

    private AgeBand() {
    }

    /** The band of a person born on {@code dateOfBirth}, on {@code on}; null when the date of birth is unknown. */
    public static String of(LocalDate dateOfBirth, LocalDate on) {
        if (dateOfBirth == null) {
            return null;
        }
        int age = Period.between(dateOfBirth, on).getYears();
        for (int i = LOWER.length - 1; i >= 0; i--) {
            if (age >= LOWER[i]) {
                return NAMES[i];
            }
        }
        return NAMES[0];
    }
}
