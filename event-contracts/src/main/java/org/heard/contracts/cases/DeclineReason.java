package org.heard.contracts.cases;

/** Why a referral was declined. */
public enum DeclineReason {
    NOT_ELIGIBLE,
    PERSON_DID_NOT_WANT_ADVOCACY,
    OUT_OF_AREA,
    DUPLICATE_REFERRAL,
    NO_CAPACITY_IN_SERVICE,
    OTHER
}
