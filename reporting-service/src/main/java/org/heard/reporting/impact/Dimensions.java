package org.heard.reporting.impact;

import java.util.List;

/**
 * The dimensions a cohort can be split and filtered by, with the words the page shows for them. The values come from
 * {@link org.heard.reporting.cohort.PersonProfile#dimension}; a new dimension is a fact on the profile, a case there,
 * and a line here — the page builds its choices from this list.
 */
final class Dimensions {

    /** A dimension and its label. */
    record Dimension(String name, String label) {
    }

    static final List<Dimension> ALL = List.of(
            new Dimension("advocacyType", "Advocacy type"),
            new Dimension("ethnicGroup", "Ethnic group"),
            new Dimension("ageBand", "Age band"),
            new Dimension("gender", "Gender"),
            new Dimension("legalStatusGroup", "Legal status"),
            new Dimension("disability", "Disability"),
            new Dimension("quarter", "Quarter of referral"),
            new Dimension("month", "Month of referral"),
            new Dimension("provider", "Advocacy provider"),
            new Dimension("team", "Team"));

    private Dimensions() {
    }

    static String label(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).map(Dimension::label).findFirst().orElse(name);
    }
}
