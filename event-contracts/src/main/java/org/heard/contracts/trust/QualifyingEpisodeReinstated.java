package org.heard.contracts.trust;

import java.time.Instant;

import org.heard.contracts.HeardEvent;

/**
 * The end of a qualifying episode was withdrawn by the trust (a discharge cancelled in error): it is open again.
 *
 * @param personId            the person's pseudonymous id
 * @param qualifyingEpisodeId the qualifying episode open again
 * @param reinstatedAt        when the trust's cancellation reached Heard
 */
public record QualifyingEpisodeReinstated(String personId, String qualifyingEpisodeId, Instant reinstatedAt)
        implements HeardEvent {
}
