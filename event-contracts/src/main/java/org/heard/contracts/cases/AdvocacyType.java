package org.heard.contracts.cases;

/** The kind of independent advocacy a case provides. */
public enum AdvocacyType {
    /** Independent Mental Health Advocacy for qualifying patients under the Mental Health Act. */
    IMHA,
    /** Advocacy for children and young people in Child and Adolescent Mental Health Services. */
    CAMHS,
    /** Community mental health advocacy. */
    COMMUNITY,
    /** Community advocacy that is culturally specific, e.g. for African and Caribbean men. */
    COMMUNITY_CULTURALLY_SPECIFIC,
    /** Independent Mental Capacity Advocacy. */
    IMCA,
    /** Care Act advocacy. */
    CARE_ACT
}
