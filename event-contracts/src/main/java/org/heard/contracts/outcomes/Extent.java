package org.heard.contracts.outcomes;

/** How much changed, or how much advocacy contributed, as the rater sees it. */
public enum Extent {
    NONE,
    SOME,
    SIGNIFICANT
}
