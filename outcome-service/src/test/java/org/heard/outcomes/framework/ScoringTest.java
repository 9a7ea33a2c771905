package org.heard.outcomes.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.heard.contracts.outcomes.FrameworkPurpose;
import org.heard.contracts.outcomes.ItemResponse;
import org.heard.contracts.outcomes.ScoringRule;
import org.heard.kit.web.InvalidInput;
import org.heard.outcomes.framework.FrameworkCatalogue.FrameworkVersion;
import org.heard.outcomes.framework.FrameworkCatalogue.Item;
import org.junit.jupiter.api.Test;

/** Scores recomputed by hand from small response sets. */
class ScoringTest {

    private static FrameworkVersion version(ScoringRule rule) {
        return new FrameworkVersion("f", 1, "F", FrameworkPurpose.EMPOWERMENT, rule, "PUBLISHED", List.of(
                new Item("a", "A", 1, 5, List.of(), "voice", false),
                new Item("b", "B", 1, 5, List.of(), "voice", true),
                new Item("c", "C", 0, 10, List.of(), "hope", false)), null);
    }

    private static final List<ItemResponse> RESPONSES = List.of(new ItemResponse("a", 4), new ItemResponse("b", 2),
            new ItemResponse("c", 7));

    @Test
    void sumTurnsReverseScoredItemsRound() {
        // a 4, b reverse 1+5-2 = 4, c 7 → 15; voice (4+4)/2 = 4, hope 7
        Scoring.Scores scores = Scoring.score(version(ScoringRule.SUM), RESPONSES);

        assertThat(scores.total()).isEqualByComparingTo("15");
        assertThat(scores.subscales()).containsEntry("voice", new BigDecimal("4.000"))
                .containsEntry("hope", new BigDecimal("7.000"));
    }

    @Test
    void meanAndSubscaleMeans() {
        assertThat(Scoring.score(version(ScoringRule.MEAN), RESPONSES).total()).isEqualByComparingTo("5.000");
        // (4 + 7) / 2 = 5.5
        assertThat(Scoring.score(version(ScoringRule.SUBSCALE_MEANS), RESPONSES).total()).isEqualByComparingTo("5.5");
    }

    @Test
    void aMissingOrOutOfRangeOrUnknownItemIsNamed() {
        assertThatThrownBy(() -> Scoring.score(version(ScoringRule.SUM), List.of(new ItemResponse("a", 4),
                new ItemResponse("b", 2))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("responses.c"));
        assertThatThrownBy(() -> Scoring.score(version(ScoringRule.SUM), List.of(new ItemResponse("a", 6),
                new ItemResponse("b", 2), new ItemResponse("c", 1))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("responses.a"));
        assertThatThrownBy(() -> Scoring.score(version(ScoringRule.SUM), List.of(new ItemResponse("a", 1),
                new ItemResponse("b", 2), new ItemResponse("c", 1), new ItemResponse("z", 1))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("responses.z"));
    }
}
