package org.heard.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.heard.kit.security.Caller;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private final RateLimits limits = new RateLimits(new RateLimitProperties(3, 2, 5));
    private final Caller analyst = new Caller("analyst-1", Set.of(Caller.ANALYST), null);

    @Test
    void aCallerOverTheLimitIsToldWhenToRetry() {
        for (int i = 0; i < 5; i++) {
            limits.take(RateLimits.Limit.ANALYST_QUERY, analyst);
        }
        assertThatThrownBy(() -> limits.take(RateLimits.Limit.ANALYST_QUERY, analyst))
                .isInstanceOfSatisfying(RateLimits.TooManyRequests.class,
                        e -> assertThat(e.retryAfterSeconds()).isBetween(1L, 60L));
        // another caller, and another limit of the same caller, are untouched
        limits.take(RateLimits.Limit.ANALYST_QUERY, new Caller("analyst-2", Set.of(Caller.ANALYST), null));
        limits.take(RateLimits.Limit.NHS_NUMBER_LOOKUP, analyst);
    }

    @Test
    void conflictsAreChargedAfterTheFactAndThenHoldTheCallerBack() {
        limits.check(RateLimits.Limit.REGISTRATION_CONFLICT, analyst);
        limits.charge(RateLimits.Limit.REGISTRATION_CONFLICT, analyst);
        limits.charge(RateLimits.Limit.REGISTRATION_CONFLICT, analyst);
        assertThatThrownBy(() -> limits.check(RateLimits.Limit.REGISTRATION_CONFLICT, analyst))
                .isInstanceOf(RateLimits.TooManyRequests.class)
                .hasMessage("Too many registrations of an already registered NHS number by this caller");
    }
}
