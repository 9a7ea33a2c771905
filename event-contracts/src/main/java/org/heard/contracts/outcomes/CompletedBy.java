package org.heard.contracts.outcomes;

/** Who completed an assessment. */
public enum CompletedBy {
    SELF,
    SELF_WITH_SUPPORT,
    ADVOCATE_AS_PROXY
}
