package org.heard.contracts.cases;

/** Why an advocacy case was closed. */
public enum ClosureReason {
    GOALS_MET,
    PERSON_WITHDREW,
    DISCHARGED,
    TRANSFERRED,
    NO_CONTACT,
    OTHER
}
