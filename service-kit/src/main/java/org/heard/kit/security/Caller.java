package org.heard.kit.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, from their validated token: the subject, their roles and, for a service user, the person they are.
 *
 * @param subject  the token's {@code sub}
 * @param roles    {@code advocate}, {@code service-user}, {@code analyst}, {@code operations}, {@code integration}
 * @param personId the {@code person_id} claim of a service user's token, else null
 */
public record Caller(String subject, Set<String> roles, String personId) {

    public static final String ADVOCATE = "advocate";
    public static final String SERVICE_USER = "service-user";
    public static final String ANALYST = "analyst";
    public static final String OPERATIONS = "operations";
    public static final String INTEGRATION = "integration";

    public static Caller of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            Set<String> roles = token.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toSet());
            return new Caller(jwt.getSubject(), roles, jwt.getClaimAsString("person_id"));
        }
        return new Caller("anonymous", Set.of(), null);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** True when this caller is the service user who is this person. */
    public boolean isPerson(String id) {
        return has(SERVICE_USER) && personId != null && personId.equals(id);
    }
}
