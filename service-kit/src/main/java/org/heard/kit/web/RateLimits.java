package org.heard.kit.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.heard.kit.security.Caller;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;

/**
 * Per-caller rate limits (token buckets, Bucket4j) on what could be used to enumerate people or to scrape: NHS-number
 * look-ups, registrations refused because the NHS number is already registered, and analyst queries. Over a limit a
 * request is answered 429 with {@code Retry-After}. Buckets live in this instance's memory: with several instances
 * the limit applies per instance.
 */
public class RateLimits {

    /** What is limited. */
    public enum Limit {
        NHS_NUMBER_LOOKUP("NHS-number look-ups"),
        REGISTRATION_CONFLICT("registrations of an already registered NHS number"),
        ANALYST_QUERY("analyst queries");

        private final String words;

        Limit(String words) {
            this.words = words;
        }
    }

    /** Buckets kept before the map is emptied (a bound on memory; emptying only forgives). */
    static final int MAX_BUCKETS = 100_000;

    private final Map<Limit, Bandwidth> bandwidths;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimits(RateLimitProperties properties) {
        this.bandwidths = Map.of(
                Limit.NHS_NUMBER_LOOKUP, perPeriod(properties.nhsNumberLookupsPerMinute(), Duration.ofMinutes(1)),
                Limit.REGISTRATION_CONFLICT, perPeriod(properties.registrationConflictsPerHour(), Duration.ofHours(1)),
                Limit.ANALYST_QUERY, perPeriod(properties.analystQueriesPerMinute(), Duration.ofMinutes(1)));
    }

    private static Bandwidth perPeriod(int tokens, Duration period) {
        return Bandwidth.builder().capacity(tokens).refillGreedy(tokens, period).build();
    }

    /** Takes one from the caller's bucket, or refuses with {@link TooManyRequests}. */
    public void take(Limit limit, Caller caller) {
        ConsumptionProbe probe = bucket(limit, caller).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequests(limit.words, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** Refuses with {@link TooManyRequests} when the caller's bucket is empty; takes nothing. */
    public void check(Limit limit, Caller caller) {
        EstimationProbe probe = bucket(limit, caller).estimateAbilityToConsume(1);
        if (!probe.canBeConsumed()) {
            throw new TooManyRequests(limit.words, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** Takes one from the caller's bucket whatever is left (after the fact: the conflict has happened). */
    public void charge(Limit limit, Caller caller) {
        bucket(limit, caller).consumeIgnoringRateLimits(1);
    }

    private Bucket bucket(Limit limit, Caller caller) {
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(limit.name() + " " + caller.subject(),
                key -> Bucket.builder().addLimit(bandwidths.get(limit)).build());
    }

    /** Over a rate limit: 429 with Retry-After (whole seconds, at least 1). */
    public static class TooManyRequests extends RuntimeException {

        private final Duration retryAfter;

        public TooManyRequests(String what, Duration retryAfter) {
            super("Too many " + what + " by this caller");
            this.retryAfter = retryAfter;
        }

        /** Seconds until one more request would be allowed. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }
}
