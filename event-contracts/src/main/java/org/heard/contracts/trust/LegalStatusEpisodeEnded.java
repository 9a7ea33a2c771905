package org.heard.contracts.trust;

import java.time.Instant;

import org.heard.contracts.HeardEvent;

/**
 * A legal status episode ended.
 *
 * @param personId  the person's pseudonymous id
 * @param episodeId the episode that ended
 * @param endedAt   when, as the trust said
 * @param reason    why; {@code CANCELLED} means the episode should be counted as if it had never been
 */
public record LegalStatusEpisodeEnded(String personId, String episodeId, Instant endedAt, EpisodeEndReason reason)
        implements HeardEvent {
}
