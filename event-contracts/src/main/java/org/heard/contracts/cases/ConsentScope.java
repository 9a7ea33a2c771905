package org.heard.contracts.cases;

/** What a person consents to. */
public enum ConsentScope {
    /** Advocacy casework itself. */
    CASEWORK,
    /** Taking part in outcome measurement: without it, their data leaves analyst outputs. */
    EVALUATION,
    /** Sharing information with the NHS trust. */
    SHARING_WITH_TRUST
}
