package org.heard.contracts.trust;

import java.time.Instant;

import org.heard.contracts.HeardEvent;

/**
 * A person became a qualifying patient for IMHA, as an NHS trust's feed showed: the denominator of uptake. One
 * qualifying episode lasts while successive qualifying legal statuses follow each other (section 2 then section 3 is
 * one qualifying episode), whether or not the person ever takes up advocacy.
 *
 * @param personId            the person's pseudonymous id
 * @param qualifyingEpisodeId the qualifying episode (a UUID made by the gateway)
 * @param legalStatusCode     the legal status that made the person qualify
 * @param codeSystem          its code system
 * @param startedAt           when that status began
 * @param notifiedAt          when the trust's message reached Heard (the start of the first-contact clock)
 * @param organisation        the sending organisation (ODS code)
 * @param site                the hospital site, or null
 * @param ward                the ward or unit, or null
 */
public record QualifyingEpisodeStarted(String personId, String qualifyingEpisodeId, String legalStatusCode,
                                       LegalStatusCodeSystem codeSystem, Instant startedAt, Instant notifiedAt,
                                       String organisation, String site, String ward) implements HeardEvent {
}
