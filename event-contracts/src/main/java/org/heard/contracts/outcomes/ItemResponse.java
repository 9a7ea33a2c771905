package org.heard.contracts.outcomes;

/** One item's response in an assessment: the raw value on the item's scale (kept so scores can be recomputed). */
public record ItemResponse(String itemId, int value) {
}
