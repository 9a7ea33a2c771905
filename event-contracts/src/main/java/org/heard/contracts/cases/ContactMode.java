package org.heard.contracts.cases;

/** How first contact with the person was made. */
public enum ContactMode {
    IN_PERSON,
    PHONE,
    VIDEO,
    WRITTEN,
    OTHER
}
