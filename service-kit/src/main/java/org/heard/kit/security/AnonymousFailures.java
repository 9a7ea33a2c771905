package org.heard.kit.security;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failed authentications of callers without a valid token, on the audit stream at a bounded rate: anyone can send
 * them, so one permanent record each would let anyone fill the disk. Up to {@code perMinute} are written as they come
 * in each minute; the rest of that minute are counted, and the count is written as one {@code AUTHENTICATION_FAILURES_SUPPRESSED}
 * record with the next failure after it. Failures of callers with a valid token (403) are always written.
 */
public class AnonymousFailures {

    /** Records written per minute before counting starts. */
    public static final int DEFAULT_PER_MINUTE = 60;

    private static final Caller ANONYMOUS = new Caller("anonymous", Set.of(), null);

    private final AuditTrail audit;
    private final Clock clock;
    private final int perMinute;
    private final AtomicLong suppressed = new AtomicLong();
    private Instant minute = Instant.EPOCH;
    private int written;

    public AnonymousFailures(AuditTrail audit, Clock clock, int perMinute) {
        this.audit = audit;
        this.clock = clock;
        this.perMinute = perMinute;
    }

    /** One failed authentication of a request ({@code METHOD /path}). */
    public void failure(String resource) {
        long unreported;
        synchronized (this) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
            if (!now.equals(minute)) {
                minute = now;
                written = 0;
            }
            if (written >= perMinute) {
                suppressed.incrementAndGet();
                return;
            }
            written++;
            unreported = suppressed.getAndSet(0);
        }
        if (unreported > 0) {
            audit.failure(ANONYMOUS, "AUTHENTICATION_FAILURES_SUPPRESSED", "(requests without a valid token)",
                    unreported + " more failed authentications not recorded one by one");
        }
        audit.failure(ANONYMOUS, "AUTHENTICATION_FAILED", resource, "no valid bearer token");
    }

    /** Failures counted but not yet written. */
    public long suppressed() {
        return suppressed.get();
    }
}
