package org.heard.kit.security;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * The append-only audit stream ({@code heard.audit.v1}): who read which record's personal data for what purpose, and
 * every failed authentication or authorisation. Records name people only by pseudonymous ids and requests only by
 * method and path (never query strings or bodies).
 */
public interface AuditTrail {

    /**
     * One audit record.
     *
     * @param time     when, in UTC
     * @param service  which service
     * @param actor    the token's subject, or {@code anonymous}
     * @param roles    the caller's roles
     * @param action   {@code PERSONAL_DATA_READ}, {@code AUTHENTICATION_FAILED}, {@code AUTHORISATION_FAILED}, or an
     *                 operator's action on the streams (e.g. {@code DEAD_LETTER_REPLAYED})
     * @param resource the record ({@code person/<id>}, {@code case/<id>}) or the request ({@code GET /api/...})
     * @param purpose  why the data was read (e.g. {@code casework}, {@code own-record}), or the reason of a failure
     */
    record Entry(Instant time, String service, String actor, Set<String> roles, String action, String resource,
                 String purpose) {
        public Entry {
            roles = new TreeSet<>(roles);
        }
    }

    /**
     * Records a read of personal data. Returns only once the record is durable: no audit, no personal data.
     *
     * @throws org.heard.kit.web.Unavailable when the audit stream cannot take it (answered 503)
     */
    void personalDataRead(Caller caller, String resource, String purpose);

    /**
     * Records an operator's action on the streams (replaying or resolving a parked record, rebuilding projections).
     * Returns only once the record is durable: no audit, no action.
     *
     * @throws org.heard.kit.web.Unavailable when the audit stream cannot take it (answered 503)
     */
    void operation(Caller caller, String action, String resource, String detail);

    /** Records a failed authentication or authorisation, without waiting. */
    void failure(Caller caller, String action, String resource, String reason);
}
