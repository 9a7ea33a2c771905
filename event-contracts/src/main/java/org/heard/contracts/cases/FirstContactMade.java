package org.heard.contracts.cases;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/**
 * The advocate first made contact with the person (once per opening of the case).
 *
 * @param daysFromReferral days from the referral (or the reopening) to this contact
 */
public record FirstContactMade(String caseId, String personId, LocalDate contactOn, ContactMode mode,
                               int daysFromReferral) implements HeardEvent {
}
