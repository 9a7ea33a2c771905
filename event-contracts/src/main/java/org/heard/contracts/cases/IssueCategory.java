package org.heard.contracts.cases;

/** What an issue the person wants to raise is about. */
public enum IssueCategory {
    MEDICATION,
    LEAVE,
    DISCHARGE,
    CARE_PLAN,
    RIGHTS_INFORMATION,
    COMPLAINT,
    PHYSICAL_HEALTH,
    HOUSING_OR_BENEFITS,
    DISCRIMINATION_OR_RACISM,
    TREATMENT_BY_STAFF,
    FAMILY_CONTACT,
    EDUCATION,
    OTHER
}
