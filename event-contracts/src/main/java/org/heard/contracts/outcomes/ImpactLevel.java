package org.heard.contracts.outcomes;

/** Where a systemic issue sits. */
public enum ImpactLevel {
    WARD,
    SERVICE,
    TRUST,
    COMMISSIONER,
    NATIONAL_POLICY
}
