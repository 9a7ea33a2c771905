package org.heard.contracts.cases;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/**
 * An advocacy case was closed.
 *
 * @param caseId   the case's id
 * @param personId the person's pseudonymous id
 * @param reason   why it was closed
 * @param closedOn the date of closure (not before the referral, never in the future)
 */
public record CaseClosed(
        String caseId,
        String personId,
        ClosureReason reason,
        LocalDate closedOn) implements HeardEvent {
}
