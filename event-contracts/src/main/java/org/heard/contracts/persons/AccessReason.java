package org.heard.contracts.persons;

/** Why an advocate asked for an exceptional look at a person's record outside their caseload. */
public enum AccessReason {
    /** A safeguarding concern about the person or someone else. */
    SAFEGUARDING,
    /** The person is moving between providers or teams and their advocate needs the history. */
    CONTINUITY_OF_CARE,
    /** The person asked this advocate to look at their record. */
    PERSON_ASKED,
    /** A court, tribunal or statutory duty requires it. */
    LEGAL_DUTY
}
