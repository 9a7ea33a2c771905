package org.heard.kit.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long answers to {@code Idempotency-Key} requests are kept, and how long a retry waits for the first request
 * ({@code heard.idempotency.*}).
 *
 * @param ttl              how long an answer is replayed; after that the key is forgotten and may be used afresh
 * @param waitForFirst     how long a retry waits for a first request with the same key that is still running before
 *                         it is answered 409 "in progress, retry"
 * @param abandonAfter     a request that holds its transaction open without talking to the database for this long is
 *                         ended by PostgreSQL (so a key whose service hung, or whose host vanished, becomes retryable)
 * @param cleanupInterval  how often expired keys are deleted
 * @param cleanupBatch     how many expired keys one delete statement removes
 */
@ConfigurationProperties("heard.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("5s") Duration waitForFirst,
        @DefaultValue("60s") Duration abandonAfter,
        @DefaultValue("10m") Duration cleanupInterval,
        @DefaultValue("1000") int cleanupBatch) {

    public IdempotencyProperties {
        positive("ttl", ttl);
        positive("wait-for-first", waitForFirst);
        positive("abandon-after", abandonAfter);
        positive("cleanup-interval", cleanupInterval);
        if (cleanupBatch < 1) {
            throw new IllegalArgumentException("heard.idempotency.cleanup-batch must be at least 1");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative() || value.toMillis() == 0) {
            throw new IllegalArgumentException("heard.idempotency." + name + " must be at least 1 ms");
        }
    }
}
