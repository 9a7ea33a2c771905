package org.heard.contracts.outcomes;

/** How a framework version turns item responses into scores. */
public enum ScoringRule {
    SUM,
    MEAN,
    SUBSCALE_MEANS
}
