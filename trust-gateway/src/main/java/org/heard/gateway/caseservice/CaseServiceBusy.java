package org.heard.gateway.caseservice;

import java.time.Duration;

/**
 * case-service answered 429: this caller is over one of its rate limits (NHS-number look-ups, 60 a minute by
 * default) and should ask again after {@link #retryAfter()}. Flow control, not an outage.
 */
public class CaseServiceBusy extends CaseServiceUnavailable {

    private final Duration retryAfter;

    public CaseServiceBusy(Duration retryAfter) {
        super("case-service answered 429 (retry after " + retryAfter.toMillis() + " ms)");
        this.retryAfter = retryAfter;
    }

    /** How long case-service asked the caller to wait (its Retry-After, 1 s when it gave none). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
