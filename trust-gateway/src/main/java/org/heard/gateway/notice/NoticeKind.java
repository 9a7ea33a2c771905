package org.heard.gateway.notice;

/** What a trust's notice says happened. HL7 v2 trigger events in brackets. */
public enum NoticeKind {
    /** An admission (A01); FHIR: an Encounter in progress that Heard did not know. */
    ADMISSION,
    /** A transfer to another ward or site (A02). */
    TRANSFER,
    /** A discharge (A03); FHIR: an Encounter finished. */
    DISCHARGE,
    /** An outpatient or community registration (A04). */
    REGISTRATION,
    /** An update of the patient or the stay (A08); FHIR: an Encounter Heard knew, changed. */
    UPDATE,
    /** An admission cancelled in error (A11); FHIR: an Encounter cancelled or entered in error. */
    ADMISSION_CANCELLED,
    /** A discharge cancelled in error (A13). */
    DISCHARGE_CANCELLED,
    /** Leave of absence began (A21), e.g. section 17 leave: the person is still liable to be detained. */
    LEAVE_STARTED,
    /** Return from leave of absence (A22). */
    LEAVE_ENDED,
    /** A person added or updated (A28, A31); FHIR: a Patient. */
    PERSON_DETAILS,
    /** Two patient records merged (A40). */
    MERGE,
    /** A qualifying patient's opt-out or decline of IMHA. */
    OPT_OUT
}
