package org.heard.kit.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that passed full validation, so that a caller's many requests with one token pay for the RSA
 * signature check once (it was a quarter of case-service's CPU under load). On every use a remembered token is asked
 * the time-bound rules again ({@link TokenRules#stillValid}), the same ones the full validation applies, so there is no
 * path through the cache that accepts what the validator would refuse. Only tokens that validated are remembered; the
 * cache is bounded and simply cleared when full.
 */
public class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final TokenRules rules;
    private final int maxEntries;
    private final Map<String, Jwt> valid = new ConcurrentHashMap<>();

    public CachingJwtDecoder(JwtDecoder delegate, TokenRules rules, int maxEntries) {
        this.delegate = delegate;
        this.rules = rules;
        this.maxEntries = maxEntries;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = valid.get(token);
        if (jwt != null) {
            String problem = rules.stillValid(jwt);
            if (problem == null) {
                return jwt;
            }
            valid.remove(token);
            throw new BadJwtException("Token " + problem);
        }
        Jwt decoded = delegate.decode(token);
        if (valid.size() >= maxEntries) {
            valid.clear();
        }
        valid.put(token, decoded);
        return decoded;
    }
}
