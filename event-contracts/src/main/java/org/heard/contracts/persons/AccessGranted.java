package org.heard.contracts.persons;

import java.time.Instant;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.SealedValue;

/**
 * An advocate asked, with a reason, for an exceptional look at a person's record outside their caseload, and was
 * given it until a time. It is on the person's own timeline, so they and their advocates see who looked and why.
 *
 * @param grantId       this grant's id
 * @param personId      the person whose record may be read
 * @param advocateId    the advocate's staff identifier (the subject of their login), not a name
 * @param providerId    the provider the advocate works for
 * @param reason        why
 * @param justification the advocate's account of why, sealed under the person's key (it may speak of them)
 * @param expiresAt     the end of the grant (UTC); reads after it are refused again
 */
public record AccessGranted(String grantId, String personId, String advocateId, String providerId,
                            AccessReason reason, SealedValue justification, Instant expiresAt) implements HeardEvent {
}
