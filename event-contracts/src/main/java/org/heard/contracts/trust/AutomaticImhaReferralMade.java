package org.heard.contracts.trust;

import java.time.Instant;

import org.heard.contracts.HeardEvent;

/**
 * Heard opened an IMHA referral on its own for a qualifying patient (opt-out referral), with the time the trust
 * notified it and the time by which an advocate should first have made contact (the first-contact clock).
 *
 * @param personId            the person's pseudonymous id
 * @param qualifyingEpisodeId the qualifying episode the referral is for
 * @param caseId              the case case-service opened for it (its {@code ReferralReceived} has source
 *                            {@code TRUST_FEED})
 * @param notifiedAt          when the trust's message reached Heard: the clock starts here
 * @param firstContactDueBy   notifiedAt plus the configured time for first contact
 * @param rule                the name of the configured referral rule that applied, e.g. {@code mha-1983-s130c}
 */
public record AutomaticImhaReferralMade(String personId, String qualifyingEpisodeId, String caseId,
                                        Instant notifiedAt, Instant firstContactDueBy, String rule)
        implements HeardEvent {
}
