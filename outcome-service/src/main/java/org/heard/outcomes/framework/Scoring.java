package org.heard.outcomes.framework;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.heard.contracts.outcomes.ItemResponse;
import org.heard.kit.web.InvalidInput;
import org.heard.outcomes.framework.FrameworkCatalogue.FrameworkVersion;
import org.heard.outcomes.framework.FrameworkCatalogue.Item;

/**
 * Checks an assessment's responses against its framework version and scores them by the version's rule: every item
 * answered once, every value on the item's scale; reverse-scored items turned round (min + max − value); the total is
 * the sum (SUM), the mean (MEAN) or the mean of the subscale means (SUBSCALE_MEANS); subscale scores are the means of
 * their items. A pure function.
 */
public final class Scoring {

    /** Scores of one assessment. */
    public record Scores(BigDecimal total, Map<String, BigDecimal> subscales) {
    }

    private Scoring() {
    }

    /** @throws InvalidInput naming {@code responses.<itemId>} for a missing, unknown, repeated or out-of-range item */
    public static Scores score(FrameworkVersion version, List<ItemResponse> responses) {
        Map<String, Integer> given = new LinkedHashMap<>();
        for (ItemResponse response : responses) {
            if (given.put(response.itemId(), response.value()) != null) {
                throw new InvalidInput("responses." + response.itemId(), "answered more than once");
            }
        }
        Map<String, Item> items = new LinkedHashMap<>();
        version.items().forEach(item -> items.put(item.itemId(), item));
        for (String itemId : given.keySet()) {
            if (!items.containsKey(itemId)) {
                throw new InvalidInput("responses." + itemId, "not an item of " + version.frameworkId() + " version "
                        + version.version());
            }
        }
        BigDecimal sum = BigDecimal.ZERO;
        Map<String, BigDecimal[]> subscaleSums = new TreeMap<>();
        for (Item item : items.values()) {
            Integer value = given.get(item.itemId());
            if (value == null) {
                throw new InvalidInput("responses." + item.itemId(), "missing: every item must be answered");
            }
            if (value < item.scaleMin() || value > item.scaleMax()) {
                throw new InvalidInput("responses." + item.itemId(), "must be between " + item.scaleMin() + " and "
                        + item.scaleMax());
            }
            int scored = item.reverseScored() ? item.scaleMin() + item.scaleMax() - value : value;
            sum = sum.add(BigDecimal.valueOf(scored));
            if (item.subscale() != null) {
                BigDecimal[] acc = subscaleSums.computeIfAbsent(item.subscale(),
                        s -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                acc[0] = acc[0].add(BigDecimal.valueOf(scored));
                acc[1] = acc[1].add(BigDecimal.ONE);
            }
        }
        Map<String, BigDecimal> subscales = new LinkedHashMap<>();
        subscaleSums.forEach((name, acc) -> subscales.put(name, acc[0].divide(acc[1], 3, RoundingMode.HALF_UP)));
        BigDecimal total = switch (version.scoringRule()) {
            case SUM -> sum;
            case MEAN -> sum.divide(BigDecimal.valueOf(items.size()), 3, RoundingMode.HALF_UP);
            case SUBSCALE_MEANS -> subscales.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(Math.max(1, subscales.size())), 3, RoundingMode.HALF_UP);
        };
        return new Scores(total, subscales);
    }
}
