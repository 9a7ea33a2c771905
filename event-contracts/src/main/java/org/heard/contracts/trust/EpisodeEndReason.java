package org.heard.contracts.trust;

/** Why a legal status episode or a qualifying episode ended. */
public enum EpisodeEndReason {
    /** Another legal status took its place during the stay (e.g. section 2 became section 3). */
    SUPERSEDED,
    /** The person was discharged from the stay the episode belonged to. */
    DISCHARGED,
    /** The trust said the status ended (or, for a qualifying episode, the new status does not qualify). */
    ENDED,
    /** The trust cancelled the admission or status in error: count it as if it had never been. */
    CANCELLED
}
