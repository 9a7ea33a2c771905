package org.heard.contracts.trust;

import java.time.Instant;

import org.heard.contracts.HeardEvent;

/**
 * The trust withdrew the end of an episode (a discharge cancelled in error): the episode is open again, as if it had
 * never ended.
 *
 * @param personId     the person's pseudonymous id
 * @param episodeId    the episode open again
 * @param reinstatedAt when the trust's cancellation reached Heard
 */
public record LegalStatusEpisodeReinstated(String personId, String episodeId, Instant reinstatedAt)
        implements HeardEvent {
}
