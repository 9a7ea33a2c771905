package org.heard.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private static Jwt jwt(Instant expiresAt) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("s").issuedAt(expiresAt.minusSeconds(600))
                .expiresAt(expiresAt).build();
    }

    @Test
    void aValidatedTokenIsVerifiedOnce() {
        AtomicInteger verifications = new AtomicInteger();
        CachingJwtDecoder decoder = new CachingJwtDecoder(token -> {
            verifications.incrementAndGet();
            return jwt(NOW.plusSeconds(60));
        }, Clock.fixed(NOW, ZoneOffset.UTC), 10);

        decoder.decode("a");
        decoder.decode("a");
        decoder.decode("b");

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        MutableClock clock = new MutableClock(NOW);
        CachingJwtDecoder decoder = new CachingJwtDecoder(token -> jwt(NOW.plusSeconds(60)), clock, 10);
        decoder.decode("a");

        clock.now = NOW.plusSeconds(61);

        assertThatThrownBy(() -> decoder.decode("a")).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        AtomicInteger verifications = new AtomicInteger();
        CachingJwtDecoder decoder = new CachingJwtDecoder(token -> {
            verifications.incrementAndGet();
            throw new BadJwtException("bad signature");
        }, Clock.systemUTC(), 10);

        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void headerValuesWithControlCharactersAreStillRefused() {
        assertThat(SecurityConfiguration.withoutControlCharacters("Bearer abc.def-ghi_jkl")).isTrue();
        assertThat(SecurityConfiguration.withoutControlCharacters("Bearer abc\r\nX-Injected: 1")).isFalse();
        assertThat(SecurityConfiguration.withoutControlCharacters("tab\there")).isFalse();
        assertThat(SecurityConfiguration.withoutControlCharacters("caf\u00e9")).isTrue();
        assertThat(SecurityConfiguration.withoutControlCharacters("c1\u0085")).isFalse();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
