package org.heard.contracts.outcomes;

/** Who reviewed a framework version in co-design. */
public enum ReviewerRole {
    SERVICE_USER_PANEL,
    ADVOCATE,
    COMMISSIONER,
    CLINICIAN
}
