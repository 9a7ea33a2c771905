package org.heard.kit.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How bearer tokens are validated ({@code heard.security.jwt.*}): signed with RS256 by the issuer's key, issued by
 * {@code issuer}, for {@code audience}, not expired.
 *
 * @param issuer            the expected {@code iss} ({@code HEARD_JWT_ISSUER})
 * @param audience          the expected {@code aud} ({@code HEARD_JWT_AUDIENCE})
 * @param publicKeyLocation a PEM public key (file: or classpath: location) — the local stack's development issuer
 *                          ({@code HEARD_JWT_PUBLIC_KEY})
 * @param jwkSetUri         an OIDC issuer's JWK set, used when no public key is given ({@code HEARD_JWT_JWK_SET_URI})
 */
@ConfigurationProperties("heard.security.jwt")
public record JwtProperties(String issuer, String audience, String publicKeyLocation, String jwkSetUri) {
}
