package org.heard.gateway.episode;

import java.time.Instant;

/**
 * Internal (not published): what the gateway knows of a hospital stay now. Legal status episodes carry the site and
 * ward they began on; this keeps them for the episodes to come.
 *
 * @param status OPEN, DISCHARGED or CANCELLED
 */
public record StayChanged(String personId, String stayRef, String site, String ward, String status, Instant at) {
}
