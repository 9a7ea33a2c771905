package org.heard.kit.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that passed full validation, so that a caller's many requests with one token pay for the RSA
 * signature check once (it was a quarter of case-service's CPU under load). A remembered token is still refused once
 * it has expired. Only tokens that validated are remembered; the cache is bounded and simply cleared when full.
 */
public class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Clock clock;
    private final int maxEntries;
    private final Map<String, Jwt> valid = new ConcurrentHashMap<>();

    public CachingJwtDecoder(JwtDecoder delegate, Clock clock, int maxEntries) {
        this.delegate = delegate;
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = valid.get(token);
        if (jwt != null) {
            Instant expiresAt = jwt.getExpiresAt();
            if (expiresAt != null && expiresAt.isAfter(clock.instant())) {
                return jwt;
            }
            valid.remove(token);
            throw new BadJwtException("Jwt expired at " + expiresAt);
        }
        Jwt decoded = delegate.decode(token);
        if (valid.size() >= maxEntries) {
            valid.clear();
        }
        valid.put(token, decoded);
        return decoded;
    }
}
