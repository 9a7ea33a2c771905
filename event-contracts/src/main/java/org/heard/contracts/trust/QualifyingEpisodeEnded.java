package org.heard.contracts.trust;

import java.time.Instant;

import org.heard.contracts.HeardEvent;

/**
 * A person stopped being a qualifying patient: discharged, a status that does not qualify, or cancelled in error
 * ({@code CANCELLED}: leave the episode out of the denominator).
 *
 * @param personId            the person's pseudonymous id
 * @param qualifyingEpisodeId the qualifying episode that ended
 * @param endedAt             when
 * @param reason              why
 */
public record QualifyingEpisodeEnded(String personId, String qualifyingEpisodeId, Instant endedAt,
                                     EpisodeEndReason reason) implements HeardEvent {
}
