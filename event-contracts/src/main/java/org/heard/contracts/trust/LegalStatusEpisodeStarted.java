package org.heard.contracts.trust;

import java.time.Instant;

import org.heard.contracts.HeardEvent;

/**
 * An NHS trust told Heard that a person's legal status under mental health law began: one episode per status, so a
 * change during a stay (section 2 to section 3) is the end of one episode and the start of the next.
 *
 * @param personId          the person's pseudonymous id
 * @param episodeId         the episode (a UUID made by the gateway)
 * @param legalStatusCode   the two-digit code of {@code codeSystem}, e.g. {@code 03} (section 3)
 * @param codeSystem        the UK Core code system of the code
 * @param qualifyingPatient whether this status makes the person a qualifying patient for IMHA, by the gateway's
 *                          configured rule
 * @param startedAt         when the status began, as the trust said
 * @param notifiedAt        when the trust's message reached Heard
 * @param organisation      the sending organisation (ODS code as the trust sends it)
 * @param site              the hospital site (ODS site code or the trust's own code), or null
 * @param ward              the ward or unit as the trust names it, or null
 * @param stayRef           the hospital stay, as a keyed digest of the trust's identifier of it (visit number,
 *                          encounter id): the same stay always gives the same value, which cannot be turned back into
 *                          the trust's identifier; null when the trust sent none
 * @param protocol          how the trust told Heard
 */
public record LegalStatusEpisodeStarted(String personId, String episodeId, String legalStatusCode,
                                        LegalStatusCodeSystem codeSystem, boolean qualifyingPatient, Instant startedAt,
                                        Instant notifiedAt, String organisation, String site, String ward,
                                        String stayRef, TrustProtocol protocol) implements HeardEvent {
}
