package org.heard.kit.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What a bearer token must be, besides well signed: issued by the configured issuer for the configured audience, for
 * a subject, with an expiry (no token is valid for ever, nor for longer than the maximum lifetime), and valid now within
 * the explicit clock skew. One validator, so that the cache of validated tokens can ask the same question again.
 */
public final class TokenRules implements OAuth2TokenValidator<Jwt> {

    private final String issuer;
    private final String audience;
    private final Duration clockSkew;
    private final Duration maxLifetime;
    private final Clock clock;

    public TokenRules(JwtProperties properties, Clock clock) {
        this.issuer = properties.issuer();
        this.audience = properties.audience();
        this.clockSkew = properties.clockSkew();
        this.maxLifetime = properties.maxLifetime();
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String problem = problem(jwt);
        return problem == null ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", problem, null));
    }

    /** What is wrong with the token now, or null; no claim values in the answer. */
    String problem(Jwt jwt) {
        if (!issuer.equals(jwt.getClaimAsString(org.springframework.security.oauth2.jwt.JwtClaimNames.ISS))) {
            return "wrong or missing issuer";
        }
        List<String> audiences = jwt.getAudience();
        if (audiences == null || !audiences.contains(audience)) {
            return "wrong or missing audience";
        }
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            return "no subject";
        }
        return stillValid(jwt);
    }

    /** The time-bound part of the rules (the cache of validated tokens asks it on every use). */
    String stillValid(Jwt jwt) {
        Instant now = clock.instant();
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return "no expiry";
        }
        if (!now.isBefore(expiresAt.plus(clockSkew))) {
            return "expired";
        }
        Instant issuedAt = jwt.getIssuedAt();
        if (issuedAt != null && issuedAt.isAfter(now.plus(clockSkew))) {
            return "issued in the future";
        }
        Instant from = issuedAt != null ? issuedAt : now;
        if (Duration.between(from, expiresAt).compareTo(maxLifetime.plus(clockSkew)) > 0) {
            return "valid for longer than the maximum lifetime";
        }
        Instant notBefore = jwt.getNotBefore();
        if (notBefore != null && notBefore.isAfter(now.plus(clockSkew))) {
            return "not valid yet";
        }
        return null;
    }
}
