package org.heard.reporting.cohort;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's scores on one framework version over time, a pure function of their profile: every reading (not just the
 * first and the latest), each with its change from baseline and the whole weeks since the referral. The baseline is
 * the reading at the BASELINE timepoint, or the first reading when there is none.
 *
 * @param latestChange the latest reading minus the baseline; null while there is only one reading
 */
public record Trajectory(String frameworkId, int version, List<Point> points, BigDecimal latestChange) {

    /** One reading on a trajectory. */
    public record Point(String timepoint, LocalDate on, long weeksSinceReferral, BigDecimal score,
                        BigDecimal changeFromBaseline, Map<String, BigDecimal> subscales) {
    }

    /** The trajectories of a profile, by framework id and then version. */
    public static List<Trajectory> of(PersonProfile profile) {
        Map<String, List<PersonProfile.Reading>> byVersion = new LinkedHashMap<>();
        profile.readings().stream()
                .sorted(Comparator.comparing(PersonProfile.Reading::frameworkId)
                        .thenComparingInt(PersonProfile.Reading::version)
                        .thenComparing(PersonProfile.Reading::on))
                .forEach(r -> byVersion.computeIfAbsent(r.frameworkId() + "\u0000" + r.version(),
                        k -> new ArrayList<>()).add(r));
        List<Trajectory> trajectories = new ArrayList<>();
        for (List<PersonProfile.Reading> readings : byVersion.values()) {
            PersonProfile.Reading baseline = readings.stream().filter(r -> r.timepoint().equals("BASELINE"))
                    .findFirst().orElse(readings.get(0));
            List<Point> points = new ArrayList<>();
            for (PersonProfile.Reading r : readings) {
                long weeks = profile.referredOn() == null ? 0 : ChronoUnit.WEEKS.between(profile.referredOn(), r.on());
                points.add(new Point(r.timepoint(), r.on(), weeks, r.score(), r.score().subtract(baseline.score()),
                        r.subscales()));
            }
            BigDecimal latestChange = readings.size() < 2 ? null
                    : readings.get(readings.size() - 1).score().subtract(baseline.score());
            trajectories.add(new Trajectory(readings.get(0).frameworkId(), readings.get(0).version(), points,
                    latestChange));
        }
        return trajectories;
    }
}
