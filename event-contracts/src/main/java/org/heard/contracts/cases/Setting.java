package org.heard.contracts.cases;

/** Where the person is when advocacy is provided. */
public enum Setting {
    INPATIENT_WARD,
    COMMUNITY,
    CAMHS_INPATIENT,
    CAMHS_COMMUNITY,
    SECURE_SERVICE
}
