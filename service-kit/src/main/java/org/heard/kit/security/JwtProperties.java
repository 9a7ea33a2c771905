package org.heard.kit.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bearer tokens are validated ({@code heard.security.jwt.*}): signed with RS256 by the issuer's key, issued by
 * {@code issuer}, for {@code audience}, with a subject, an expiry no further off than {@code maxLifetime}, and not
 * expired (allowing {@code clockSkew} between the issuer's clock and ours).
 *
 * @param issuer            the expected {@code iss} ({@code HEARD_JWT_ISSUER})
 * @param audience          the expected {@code aud} ({@code HEARD_JWT_AUDIENCE})
 * @param publicKeyLocation a PEM public key (file: or classpath: location) — the local stack's development issuer
 *                          ({@code HEARD_JWT_PUBLIC_KEY})
 * @param jwkSetUri         an OIDC issuer's JWK set, used when no public key is given ({@code HEARD_JWT_JWK_SET_URI})
 * @param clockSkew         how far the issuer's clock may be from ours, for {@code exp}, {@code nbf} and {@code iat}
 * @param maxLifetime       the longest a token may be valid for ({@code exp} minus {@code iat}, or minus now)
 */
@ConfigurationProperties("heard.security.jwt")
public record JwtProperties(String issuer, String audience, String publicKeyLocation, String jwkSetUri,
                            @DefaultValue("5s") Duration clockSkew, @DefaultValue("12h") Duration maxLifetime) {
}
