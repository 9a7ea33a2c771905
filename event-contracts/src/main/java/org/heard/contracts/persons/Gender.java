package org.heard.contracts.persons;

/** Gender as the person describes it, in equality-monitoring categories. */
public enum Gender {
    WOMAN,
    MAN,
    NON_BINARY,
    OTHER,
    NOT_STATED
}
