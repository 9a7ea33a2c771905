package org.heard.contracts.cases;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/** A referral was declined, with the reason as a category. */
public record ReferralDeclined(String caseId, String personId, LocalDate declinedOn, DeclineReason reason)
        implements HeardEvent {
}
