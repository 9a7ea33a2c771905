package org.heard.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Nested
    class Percentiles {

        private final double[] hundred = hundred();

        private static double[] hundred() {
            double[] values = new double[100];
            for (int i = 0; i < 100; i++) {
                values[i] = 100 - i; // 100 .. 1, unsorted on purpose
            }
            return Stats.sorted(values);
        }

        @Test
        void the_nearest_rank_is_the_smallest_sample_with_that_share_at_or_below_it() {
            assertThat(Stats.percentile(hundred, 0.50)).isEqualTo(50);
            assertThat(Stats.percentile(hundred, 0.95)).isEqualTo(95);
            assertThat(Stats.percentile(hundred, 0.99)).isEqualTo(99);
            assertThat(Stats.percentile(hundred, 1.0)).isEqualTo(100);
        }

        @Test
        void a_share_between_ranks_rounds_up_to_the_next_sample() {
            double[] three = {10, 20, 30};
            assertThat(Stats.percentile(three, 0.34)).isEqualTo(20);
            assertThat(Stats.percentile(three, 0.99)).isEqualTo(30);
            assertThat(Stats.percentile(new double[] {7}, 0.01)).isEqualTo(7);
        }

        @Test
        void no_samples_give_no_figure_rather_than_zero() {
            assertThat(Stats.percentile(new double[0], 0.99)).isNaN();
            assertThat(Stats.max(new double[0])).isNaN();
        }

        @Test
        void a_share_outside_zero_to_one_is_refused() {
            assertThatThrownBy(() -> Stats.percentile(hundred, 99)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void nanoseconds_become_sorted_milliseconds_of_the_recorded_count_only() {
            long[] nanos = {3_000_000, 1_500_000, 2_000_000, 0};
            assertThat(Stats.millis(nanos, 3)).containsExactly(1.5, 2.0, 3.0);
        }
    }

    @Nested
    class HistogramQuantiles {

        private final Map<Double, Double> before = Map.of(0.1, 50.0, 0.5, 50.0, 1.0, 50.0,
                Double.POSITIVE_INFINITY, 50.0);

        @Test
        void only_the_observations_gained_between_the_scrapes_count() {
            // gained: 10 at <= 0.1, 40 more at <= 0.5, 9 more at <= 1, 1 above (60 in all)
            Map<Double, Double> after = Map.of(0.1, 60.0, 0.5, 100.0, 1.0, 109.0, Double.POSITIVE_INFINITY, 110.0);
            assertThat(Stats.histogramQuantile(before, after, 0.50)).isEqualTo(0.5);
            assertThat(Stats.histogramQuantile(before, after, 0.95)).isEqualTo(1.0);
            assertThat(Stats.histogramQuantile(before, after, 0.99)).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(Stats.histogramQuantile(before, after, 0.15)).isEqualTo(0.1);
        }

        @Test
        void nothing_observed_gives_no_figure() {
            assertThat(Stats.histogramQuantile(before, before, 0.99)).isNaN();
            assertThat(Stats.histogramQuantile(Map.of(), Map.of(), 0.99)).isNaN();
        }
    }
}
