package org.heard.contracts.persons;

/** Why a person's personal data was erased (a category, never free text). */
public enum ErasureReason {
    /** The person asked for erasure (UK GDPR Article 17). */
    PERSON_REQUEST,
    /** The record was made in error, e.g. the wrong person. */
    RECORDED_IN_ERROR,
    /** The retention period has ended. */
    RETENTION_ENDED,
    OTHER
}
