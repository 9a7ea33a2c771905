package org.heard.contracts.outcomes;

/** When in the course of advocacy an assessment was made. */
public enum Timepoint {
    BASELINE,
    REVIEW,
    CLOSURE,
    FOLLOW_UP
}
