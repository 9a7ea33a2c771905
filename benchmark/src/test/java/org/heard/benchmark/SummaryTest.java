package org.heard.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SummaryTest {

    @Test
    void a_figure_at_least_its_target_is_met_and_its_ratio_is_measured_over_target() {
        Summary.Figure rate = new Summary.Figure("commands", "accepted commands/s", 1500, "1/s",
                Summary.Goal.AT_LEAST, 2000, null);
        assertThat(rate.ratio()).isEqualTo(0.75);
        assertThat(rate.met()).isFalse();
        assertThat(new Summary.Figure("c", "n", 2000, "", Summary.Goal.AT_LEAST, 2000, null).met()).isTrue();
    }

    @Test
    void a_figure_at_most_its_target_is_met_below_it() {
        Summary.Figure p99 = new Summary.Figure("commands", "latency p99", 40, "ms", Summary.Goal.AT_MOST, 50, null);
        assertThat(p99.ratio()).isEqualTo(0.8);
        assertThat(p99.met()).isTrue();
        assertThat(new Summary.Figure("c", "n", 51, "ms", Summary.Goal.AT_MOST, 50, null).met()).isFalse();
        assertThat(new Summary.Figure("c", "n", Double.POSITIVE_INFINITY, "ms", Summary.Goal.AT_MOST, 1000, null)
                .met()).isFalse();
    }

    @Test
    void an_unmeasured_figure_is_neither_met_nor_missed() {
        Summary.Figure ready = new Summary.Figure("footprint", "time to ready", Double.NaN, "s", Summary.Goal.AT_MOST,
                30, null);
        assertThat(ready.met()).isNull();
        assertThat(ready.ratio()).isNull();
        assertThat(new Summary.Figure("c", "n", 3, "", Summary.Goal.NONE, Double.NaN, null).met()).isNull();
    }

    @Test
    void the_json_holds_every_figure_with_target_ratio_and_verdict_and_no_nan() {
        Summary summary = new Summary();
        summary.add("commands", "accepted commands/s", 1000, "1/s", Summary.Goal.AT_LEAST, 2000, "closed loop");
        summary.add("footprint", "time to ready", Double.NaN, "s", Summary.Goal.AT_MOST, 30, null);
        summary.add("freshness", "freshness p99", Double.POSITIVE_INFINITY, "ms", Summary.Goal.AT_MOST, 1000, null);
        summary.detail("commands", "clients", 32);

        JsonNode json = JsonMapper.builder().build().readTree(summary.json(Map.of("processors", 2)));

        JsonNode rate = json.path("figures").get(0);
        assertThat(rate.path("value").asDouble()).isEqualTo(1000);
        assertThat(rate.path("target").asDouble()).isEqualTo(2000);
        assertThat(rate.path("ratio").asDouble()).isEqualTo(0.5);
        assertThat(rate.path("met").asBoolean()).isFalse();
        assertThat(json.path("figures").get(1).path("value").isNull()).isTrue();
        assertThat(json.path("figures").get(1).path("met").isNull()).isTrue();
        assertThat(json.path("figures").get(2).path("value").asString()).isEqualTo("+Inf");
        assertThat(json.path("figures").get(2).path("met").asBoolean()).isFalse();
        assertThat(json.path("details").path("commands").path("clients").asInt()).isEqualTo(32);
        assertThat(json.path("context").path("processors").asInt()).isEqualTo(2);
    }

    @Test
    void the_table_shows_each_figure_with_its_verdict() {
        Summary summary = new Summary();
        summary.add("commands", "latency p99", 123.4, "ms", Summary.Goal.AT_MOST, 50, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        summary.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("latency p99").contains("123").contains("≤ 50").contains("2.47").contains("NO");
    }

    @Test
    void the_publishers_token_index_is_read_from_axons_json_token() {
        assertThat(Stack.tokenIndex("{\"index\":19020,\"gaps\":[19001,19007]}")).isEqualTo(19020);
        assertThat(Stack.tokenIndex("{\"globalIndex\":42}")).isEqualTo(42);
    }
}
