package org.heard.contracts.trust;

/** How a qualifying patient said no to the IMHA referral made for them. */
public enum OptOutKind {
    /** They opted out of the automatic referral before an advocate made contact. */
    OPTED_OUT,
    /** They declined advocacy when it was offered. */
    DECLINED
}
