package org.heard.contracts.cases;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/**
 * A referral was accepted and advocacy can start.
 *
 * @param caseId               the case
 * @param personId             the person's pseudonymous id
 * @param acceptedOn           the date
 * @param eligibilityToConfirm true for an IMHA referral accepted without a qualifying legal status on record: the
 *                             case is flagged until a qualifying status is recorded
 */
public record ReferralAccepted(String caseId, String personId, LocalDate acceptedOn, boolean eligibilityToConfirm)
        implements HeardEvent {
}
