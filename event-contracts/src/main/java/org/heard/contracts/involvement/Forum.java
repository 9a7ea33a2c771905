package org.heard.contracts.involvement;

/** A meeting or forum where decisions about the person are made. */
public enum Forum {
    WARD_ROUND,
    CPA_REVIEW,
    CARE_PLANNING_MEETING,
    MENTAL_HEALTH_TRIBUNAL,
    HOSPITAL_MANAGERS_HEARING,
    CAMHS_REVIEW,
    SCHOOL_MEETING,
    COMPLAINT_MEETING,
    OTHER
}
