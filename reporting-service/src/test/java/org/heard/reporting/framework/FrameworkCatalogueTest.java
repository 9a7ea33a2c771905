package org.heard.reporting.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.heard.contracts.outcomes.FrameworkItemDefined;
import org.heard.contracts.outcomes.FrameworkItemRemoved;
import org.heard.contracts.outcomes.FrameworkPurpose;
import org.heard.contracts.outcomes.FrameworkVersionDrafted;
import org.heard.contracts.outcomes.FrameworkVersionPublished;
import org.heard.contracts.outcomes.ReliableChangeBasis;
import org.heard.contracts.outcomes.ScoringRule;
import org.heard.reporting.projection.ProjectedEvent;
import org.heard.reporting.projection.TestEvents;
import org.junit.jupiter.api.Test;

/** The framework catalogue is a fold that neither order nor repetition changes. */
class FrameworkCatalogueTest {

    private static final String F = "heard-empowerment";

    private static ProjectedEvent event(org.heard.contracts.HeardEvent event, long sequence) {
        return TestEvents.event(event, F, sequence, java.time.Instant.parse("2026-01-01T09:00:00Z").plusSeconds(sequence));
    }

    private static List<ProjectedEvent> events() {
        ReliableChangeBasis basis = new ReliableChangeBasis(new BigDecimal("4.2"), new BigDecimal("0.87"),
                ReliableChangeBasis.ReliabilityCoefficient.CRONBACH_ALPHA,
                ReliableChangeBasis.ImprovementDirection.INCREASE, "pilot");
        return List.of(
                event(new FrameworkVersionDrafted(F, 1, "Heard empowerment", FrameworkPurpose.EMPOWERMENT,
                        ScoringRule.SUM, null), 0),
                event(new FrameworkItemDefined(F, 1, "a", "A", 1, 5, List.of("1", "2", "3", "4", "5"), "involvement",
                        false, 1), 1),
                event(new FrameworkItemDefined(F, 1, "b", "B", 1, 5, List.of("1", "2", "3", "4", "5"), "hope", true,
                        2), 2),
                event(new FrameworkItemDefined(F, 1, "c", "C", 1, 5, List.of("1", "2", "3", "4", "5"), "hope", false,
                        3), 3),
                event(new FrameworkItemRemoved(F, 1, "c", 4), 4),
                event(new FrameworkVersionPublished(F, 1, LocalDate.parse("2026-01-20"), basis), 5));
    }

    @Test
    void aVersionHasItsItemsScaleAndDeclaredBasis() {
        FrameworkCatalogue catalogue = new FrameworkCatalogue();
        events().forEach(catalogue::apply);

        FrameworkVersion version = catalogue.version(F, 1).orElseThrow();
        assertThat(version.items()).extracting(FrameworkVersion.Item::itemId).containsExactly("a", "b");
        assertThat(version.items().get(1).scored(2)).isEqualTo(4);
        assertThat(version.totalRange()).containsExactly(BigDecimal.valueOf(2), BigDecimal.valueOf(10));
        assertThat(version.reliableChange().reliability()).isEqualByComparingTo("0.87");
        assertThat(version.publishedOn()).isEqualTo(LocalDate.parse("2026-01-20"));
    }

    @Test
    void backwardsAndTwiceGivesTheSameCatalogue() {
        FrameworkCatalogue inOrder = new FrameworkCatalogue();
        events().forEach(inOrder::apply);
        FrameworkCatalogue backwardsTwice = new FrameworkCatalogue();
        List<ProjectedEvent> reversed = new ArrayList<>(events());
        Collections.reverse(reversed);
        reversed.forEach(e -> {
            backwardsTwice.apply(e);
            backwardsTwice.apply(e);
        });

        assertThat(backwardsTwice.all()).isEqualTo(inOrder.all());
    }
}
