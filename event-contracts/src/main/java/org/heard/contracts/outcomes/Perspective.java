package org.heard.contracts.outcomes;

/** Whose view an outcome or rating records; perspectives are kept apart, never merged. */
public enum Perspective {
    SERVICE_USER,
    ADVOCATE,
    PROFESSIONAL,
    CARER
}
