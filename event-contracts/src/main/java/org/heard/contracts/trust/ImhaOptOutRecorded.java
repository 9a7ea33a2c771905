package org.heard.contracts.trust;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/**
 * A qualifying patient opted out of, or declined, the IMHA referral made for them. They stay in the denominator of
 * uptake; the referral's case (if one was opened) is for case-service to decline.
 *
 * @param personId            the person's pseudonymous id
 * @param qualifyingEpisodeId the qualifying episode, or null when the person had none open
 * @param caseId              the automatic referral's case, or null when none was opened
 * @param recordedOn          the date the person said so
 * @param kind                opted out before contact, or declined when offered
 * @param protocol            how the trust told Heard
 */
public record ImhaOptOutRecorded(String personId, String qualifyingEpisodeId, String caseId, LocalDate recordedOn,
                                 OptOutKind kind, TrustProtocol protocol) implements HeardEvent {
}
