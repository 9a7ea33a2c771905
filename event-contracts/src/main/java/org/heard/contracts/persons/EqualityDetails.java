package org.heard.contracts.persons;

import java.util.List;

/**
 * Equality-monitoring categories, kept in clear because cohort reporting needs them. None identifies a person alone.
 *
 * @param ethnicCategory    NHS Data Dictionary ethnic category code (A–S, Z not stated, 99 not known), or null
 * @param ageBand           age band at the time of the event, e.g. {@code 18-24}, or null
 * @param gender            or null
 * @param preferredLanguage ISO 639-1 code, e.g. {@code en}, {@code pa}, or null
 * @param interpreterNeeded whether an interpreter is needed (including BSL), or null when not known
 * @param disabilities      the flags that apply; empty when none or not known
 */
public record EqualityDetails(String ethnicCategory, String ageBand, Gender gender, String preferredLanguage,
                              Boolean interpreterNeeded, List<Disability> disabilities) {

    public EqualityDetails {
        disabilities = disabilities == null ? List.of() : List.copyOf(disabilities);
    }
}
