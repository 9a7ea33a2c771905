package org.heard.reporting.framework;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.heard.contracts.outcomes.ReliableChangeBasis;

/**
 * One evaluation framework version as reporting-service knows it from the framework events: its name, scoring rule,
 * items (scale and subscale of each), when it was published or retired, and the basis for reliable change it declares.
 *
 * @param scoringRule    SUM, MEAN or SUBSCALE_MEANS; null until the draft event has arrived
 * @param reliableChange declared at publication, or null
 */
public record FrameworkVersion(String frameworkId, int version, String name, String scoringRule, List<Item> items,
                               LocalDate publishedOn, LocalDate retiredOn, ReliableChangeBasis reliableChange) {

    public FrameworkVersion {
        items = List.copyOf(items);
    }

    /** An item of the version: its response scale, subscale and scoring direction. */
    public record Item(String itemId, int scaleMin, int scaleMax, String subscale, boolean reverseScored) {

        /** The value a response counts for (reverse-scored items turned round, as outcome-service scores them). */
        public int scored(int value) {
            return reverseScored ? scaleMin + scaleMax - value : value;
        }
    }

    /** The lowest and highest total the scoring rule can give; null when the items or the rule are not known. */
    public BigDecimal[] totalRange() {
        if (items.isEmpty() || scoringRule == null) {
            return null;
        }
        return switch (scoringRule) {
            case "SUM" -> new BigDecimal[] {BigDecimal.valueOf(items.stream().mapToInt(Item::scaleMin).sum()),
                    BigDecimal.valueOf(items.stream().mapToInt(Item::scaleMax).sum())};
            default -> new BigDecimal[] {BigDecimal.valueOf(items.stream().mapToInt(Item::scaleMin).min().orElse(0)),
                    BigDecimal.valueOf(items.stream().mapToInt(Item::scaleMax).max().orElse(0))};
        };
    }
}
