package org.heard.contracts.outcomes;

/** What an evaluation framework measures. */
public enum FrameworkPurpose {
    EMPOWERMENT,
    EXPERIENCE_OF_ADVOCACY,
    WELLBEING
}
