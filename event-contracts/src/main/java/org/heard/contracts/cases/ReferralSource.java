package org.heard.contracts.cases;

/** Who made a referral to advocacy. */
public enum ReferralSource {
    SELF,
    PROFESSIONAL,
    FAMILY_OR_CARER,
    /** Made automatically from an NHS trust's record system feed. */
    TRUST_FEED
}
