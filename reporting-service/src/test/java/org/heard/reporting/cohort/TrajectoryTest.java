package org.heard.reporting.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Trajectories worked out by hand from a handful of readings. */
class TrajectoryTest {

    private static PersonProfile.Reading reading(int version, String timepoint, String on, String score) {
        return new PersonProfile.Reading("heard-empowerment", version, timepoint, LocalDate.parse(on),
                new BigDecimal(score), Map.of());
    }

    private static PersonProfile profile(List<PersonProfile.Reading> readings) {
        return new PersonProfile("IMHA", "BLACK", "AGE_25_34", "MALE", "DETAINED", "NO", "2026-Q1",
                LocalDate.parse("2026-01-05"), 3, readings, 0, 0, 0, Map.of(), 0, 0, Set.of());
    }

    @Test
    void everyReadingIsKeptWithItsChangeFromBaselineAndWeeksSinceReferral() {
        List<Trajectory> trajectories = Trajectory.of(profile(List.of(
                reading(1, "CLOSURE", "2026-04-06", "3.2"),      // 13 weeks after the referral
                reading(1, "BASELINE", "2026-01-12", "2.5"),     // 1 week
                reading(1, "REVIEW", "2026-02-20", "2.9"),       // 6 weeks and 4 days
                reading(2, "FOLLOW_UP", "2026-07-06", "4.0"))));

        assertThat(trajectories).hasSize(2);
        Trajectory first = trajectories.get(0);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.points()).extracting(Trajectory.Point::timepoint)
                .containsExactly("BASELINE", "REVIEW", "CLOSURE");
        assertThat(first.points()).extracting(Trajectory.Point::weeksSinceReferral).containsExactly(1L, 6L, 13L);
        assertThat(first.points()).extracting(p -> p.changeFromBaseline().toPlainString())
                .containsExactly("0.0", "0.4", "0.7");
        assertThat(first.latestChange()).isEqualByComparingTo("0.7");

        Trajectory second = trajectories.get(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.points()).hasSize(1);
        assertThat(second.latestChange()).as("one reading: no change yet").isNull();
    }

    @Test
    void withoutABaselineReadingTheFirstReadingIsTheBaseline() {
        Trajectory only = Trajectory.of(profile(List.of(reading(1, "REVIEW", "2026-02-02", "3.0"),
                reading(1, "CLOSURE", "2026-03-02", "2.0")))).get(0);
        assertThat(only.points().get(0).changeFromBaseline()).isEqualByComparingTo("0");
        assertThat(only.latestChange()).isEqualByComparingTo("-1.0");
    }
}
