package org.heard.contracts.trust;

import java.time.Instant;

import org.heard.contracts.HeardEvent;

/**
 * An NHS trust merged two of its patient records (HL7 A40): Heard's two people are one person from now on. Neither
 * history is moved or lost: the merged person's events stay under their id, and consumers read the two ids as one
 * person from this event on. Keyed by the surviving person.
 *
 * @param personId       the surviving person's pseudonymous id
 * @param mergedPersonId the pseudonymous id of the person merged into them
 * @param mergedAt       when the trust's merge reached Heard
 * @param organisation   the organisation that merged its records (ODS code)
 */
public record TrustPersonsMerged(String personId, String mergedPersonId, Instant mergedAt, String organisation)
        implements HeardEvent {
}
