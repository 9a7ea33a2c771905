package org.heard.contracts.cases;

import java.util.Optional;

/**
 * The one vocabulary of a case's status, for every service and every view of it (the aggregate's rules, case-service's
 * case view and caseloads, outcome-service's directory), and the one table of which published event moves it where.
 * A case is {@link #REFERRED} when its referral is received, {@link #OPEN} once accepted (and again when reopened),
 * {@link #DECLINED} when the referral is declined, {@link #CLOSED} when closed. No event carries the status: it is
 * derived from the events, here.
 */
public enum CaseStatus {
    /** Referral received, not yet decided. */
    REFERRED,
    /** Referral accepted, or the case reopened: casework goes on. */
    OPEN,
    /** Referral declined: there is no case to work. */
    DECLINED,
    /** Closed (it may be reopened). */
    CLOSED;

    /** The status a case has after this event, or empty when the event does not change it. */
    public static Optional<CaseStatus> after(Object event) {
        if (event instanceof ReferralReceived) {
            return Optional.of(REFERRED);
        }
        if (event instanceof ReferralAccepted || event instanceof CaseReopened) {
            return Optional.of(OPEN);
        }
        if (event instanceof ReferralDeclined) {
            return Optional.of(DECLINED);
        }
        if (event instanceof CaseClosed) {
            return Optional.of(CLOSED);
        }
        return Optional.empty();
    }

    /** True when nothing new (issue, involvement, forum, legal status) may be recorded on the case. */
    public boolean ended() {
        return this == DECLINED || this == CLOSED;
    }
}
