package org.heard.reporting.impact;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.heard.kit.web.InvalidInput;
import org.heard.reporting.cohort.PersonProfile;
import org.heard.reporting.timeline.AsOf;

/**
 * The parameters every cohort view takes: which framework (and version), as of which date, grouped by which
 * dimensions, filtered by which dimension values and by the period the people were referred in.
 *
 * @param referredFrom people whose first counted referral is on or after this date (null: no lower bound)
 * @param referredTo   … and on or before this date
 */
public record CohortQuery(String framework, Integer frameworkVersion, LocalDate asOf, List<String> groupBy,
                          Map<String, String> filter, LocalDate referredFrom, LocalDate referredTo) {

    static final String DEFAULT_FRAMEWORK = "heard-empowerment";
    private static final Set<String> COMMON = Set.of("framework", "frameworkVersion", "asOf", "groupBy", "referredFrom",
            "referredTo");

    /**
     * @param extra further parameter names the endpoint takes itself (left out of the filter)
     * @throws InvalidInput naming the parameter for an unknown name, a bad date, version or dimension
     */
    static CohortQuery parse(Map<String, String> parameters, Set<String> extra) {
        Map<String, String> filter = new LinkedHashMap<>(parameters);
        String framework = filter.remove("framework");
        Integer version = version(filter.remove("frameworkVersion"));
        LocalDate asOf = AsOf.parse(filter.remove("asOf"));
        List<String> groupBy = dimensions(filter.remove("groupBy"), PersonProfile.DIMENSIONS);
        LocalDate from = date("referredFrom", filter.remove("referredFrom"));
        LocalDate to = date("referredTo", filter.remove("referredTo"));
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidInput("referredTo", "must not be before referredFrom");
        }
        extra.forEach(filter::remove);
        for (String name : filter.keySet()) {
            if (!PersonProfile.DIMENSIONS.contains(name)) {
                List<String> known = new ArrayList<>(new java.util.TreeSet<>(COMMON));
                known.addAll(new java.util.TreeSet<>(extra));
                throw new InvalidInput(safeName(name), "unknown filter; use " + known + " or one of "
                        + PersonProfile.DIMENSIONS);
            }
        }
        return new CohortQuery(framework == null || framework.isBlank() ? DEFAULT_FRAMEWORK : framework, version,
                asOf, groupBy, filter, from, to);
    }

    /** Whether a profile was referred within the period asked for. */
    boolean inPeriod(PersonProfile profile) {
        if (referredFrom == null && referredTo == null) {
            return true;
        }
        LocalDate on = profile.referredOn();
        return on != null && (referredFrom == null || !on.isBefore(referredFrom))
                && (referredTo == null || !on.isAfter(referredTo));
    }

    /** The {@code groupBy} dimensions: known ones, each once. */
    static List<String> dimensions(String groupByText, List<String> known) {
        List<String> groupBy = new ArrayList<>();
        if (groupByText != null && !groupByText.isBlank()) {
            for (String dimension : groupByText.split(",")) {
                if (!known.contains(dimension.trim())) {
                    throw new InvalidInput("groupBy", "unknown dimension; use " + known);
                }
                if (groupBy.contains(dimension.trim())) {
                    throw new InvalidInput("groupBy", "names a dimension twice");
                }
                groupBy.add(dimension.trim());
            }
        }
        return groupBy;
    }

    /** A parameter's name as a problem may repeat it: only a plain identifier, else just "query". */
    static String safeName(String name) {
        return name.matches("[A-Za-z][A-Za-z0-9_]{0,39}") ? name : "query";
    }

    static Integer version(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int version = Integer.parseInt(text.trim());
            if (version < 1) {
                throw new InvalidInput("frameworkVersion", "a whole number from 1");
            }
            return version;
        } catch (NumberFormatException e) {
            throw new InvalidInput("frameworkVersion", "a whole number from 1");
        }
    }

    /** A query parameter read as an ISO date (null when absent), or a 400 naming it; every impact query reads dates so. */
    static LocalDate date(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(name, "must be an ISO date, e.g. 2026-03-31");
        }
    }
}
