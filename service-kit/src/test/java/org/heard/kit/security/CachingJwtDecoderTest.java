package org.heard.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import org.heard.kit.testing.TestKeys;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class CachingJwtDecoderTest {

    private static final JwtProperties PROPERTIES = new JwtProperties(TestKeys.ISSUER, TestKeys.AUDIENCE,
            TestKeys.publicKeyLocation(), null, Duration.ofSeconds(5), Duration.ofHours(12));

    /** The decoder as the services build it: real signature check, the token rules, the cache. */
    private static JwtDecoder decoder(Clock clock) throws Exception {
        return new SecurityConfiguration().jwtDecoder(PROPERTIES, clock);
    }

    private static void refused(JwtDecoder decoder, String token) {
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
        // and again: there is no second path (the cache) that lets it through
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
    }

    @Nested
    class TheTokenRules {

        @Test
        void aValidTokenPassesAndPassesAgain() throws Exception {
            JwtDecoder decoder = decoder(Clock.systemUTC());
            String token = TestKeys.token(Caller.ADVOCATE);

            assertThat(decoder.decode(token).getSubject()).startsWith("advocate-");
            assertThat(decoder.decode(token).getSubject()).startsWith("advocate-");
        }

        @Test
        void aTokenWithoutExpiryIsRefusedEveryTime() throws Exception {
            refused(decoder(Clock.systemUTC()), TestKeys.custom(Caller.ADVOCATE, c -> c.expirationTime(null)));
        }

        @Test
        void aTokenWithoutSubjectIsRefused() throws Exception {
            refused(decoder(Clock.systemUTC()), TestKeys.custom(Caller.ADVOCATE, c -> c.subject(null)));
        }

        @Test
        void aTokenExpiredLongerAgoThanTheClockSkewIsRefusedOnFirstUse() throws Exception {
            refused(decoder(Clock.systemUTC()), TestKeys.custom(Caller.ADVOCATE,
                    c -> c.expirationTime(Date.from(Instant.now().minusSeconds(6)))));
        }

        @Test
        void aTokenValidForLongerThanTheMaximumLifetimeIsRefused() throws Exception {
            refused(decoder(Clock.systemUTC()), TestKeys.custom(Caller.ADVOCATE, c -> c
                    .issueTime(new Date()).expirationTime(Date.from(Instant.parse("9999-12-31T00:00:00Z")))));
            refused(decoder(Clock.systemUTC()), TestKeys.custom(Caller.ADVOCATE, c -> c
                    .issueTime(null).expirationTime(Date.from(Instant.now().plus(Duration.ofHours(13))))));
        }

        @Test
        void aTokenIssuedInTheFutureOrForAnotherAudienceIsRefused() throws Exception {
            refused(decoder(Clock.systemUTC()), TestKeys.custom(Caller.ADVOCATE, c -> c
                    .issueTime(Date.from(Instant.now().plusSeconds(60)))));
            refused(decoder(Clock.systemUTC()), TestKeys.wrongAudience(Caller.ADVOCATE));
            refused(decoder(Clock.systemUTC()), TestKeys.forged(Caller.ADVOCATE));
            refused(decoder(Clock.systemUTC()), TestKeys.unsigned(Caller.ADVOCATE));
        }
    }

    @Nested
    class TheCache {

        private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
        private final TokenRules rules = new TokenRules(PROPERTIES, Clock.fixed(NOW, ZoneOffset.UTC));

        private static Jwt jwt(Instant expiresAt) {
            return Jwt.withTokenValue("t").header("alg", "RS256").issuer(TestKeys.ISSUER)
                    .audience(java.util.List.of(TestKeys.AUDIENCE)).subject("s").issuedAt(expiresAt.minusSeconds(600))
                    .expiresAt(expiresAt).build();
        }

        @Test
        void aValidatedTokenIsVerifiedOnce() {
            AtomicInteger verifications = new AtomicInteger();
            CachingJwtDecoder decoder = new CachingJwtDecoder(token -> {
                verifications.incrementAndGet();
                return jwt(NOW.plusSeconds(60));
            }, rules, 10);

            decoder.decode("a");
            decoder.decode("a");
            decoder.decode("b");

            assertThat(verifications).hasValue(2);
        }

        @Test
        void aRememberedTokenIsRefusedOnceItHasExpiredBeyondTheSkew() {
            MutableClock clock = new MutableClock(NOW);
            CachingJwtDecoder decoder = new CachingJwtDecoder(token -> jwt(NOW.plusSeconds(60)),
                    new TokenRules(PROPERTIES, clock), 10);
            decoder.decode("a");

            clock.now = NOW.plusSeconds(64);
            assertThat(decoder.decode("a")).isNotNull();
            clock.now = NOW.plusSeconds(65);
            assertThatThrownBy(() -> decoder.decode("a")).isInstanceOf(BadJwtException.class);
        }

        @Test
        void aRefusedTokenIsNeverRemembered() {
            AtomicInteger verifications = new AtomicInteger();
            CachingJwtDecoder decoder = new CachingJwtDecoder(token -> {
                verifications.incrementAndGet();
                throw new BadJwtException("bad signature");
            }, rules, 10);

            assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
            assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
            assertThat(verifications).hasValue(2);
        }
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
