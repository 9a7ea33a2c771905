package org.heard.contracts.outcomes;

/** The outcome of a co-design review. */
public enum Verdict {
    ENDORSED,
    CHANGES_REQUESTED
}
