package org.heard.contracts.outcomes;

/** The four kinds of outcome service users named (Ridley, Newbigging and Street 2018). */
public enum OutcomeDomain {
    INVOLVEMENT_IN_DECISIONS,
    CARE_AND_TREATMENT,
    PERSONAL_DEVELOPMENT,
    WIDER_IMPACT
}
