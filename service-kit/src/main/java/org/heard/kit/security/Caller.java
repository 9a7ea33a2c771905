package org.heard.kit.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, from their validated token: the subject, their roles, for a service user the person they are, and
 * for staff the provider (the advocacy organisation, the tenant) and team they work in.
 *
 * @param subject    the token's {@code sub}
 * @param roles      {@code advocate}, {@code service-user}, {@code service-user-panel}, {@code analyst},
 *                   {@code operations}, {@code integration}
 * @param personId   the {@code person_id} claim of a service user's token, else null
 * @param providerId the {@code provider} claim: the advocacy provider an advocate or a trust feed works for, else null
 * @param team       the {@code team} claim: the advocate's team within their provider, else null
 */
public record Caller(String subject, Set<String> roles, String personId, String providerId, String team) {

    public static final String ADVOCATE = "advocate";
    public static final String SERVICE_USER = "service-user";
    /** A service-user panel (or its recorder): the only source of a service-user panel's review of a framework. */
    public static final String PANEL = "service-user-panel";
    public static final String ANALYST = "analyst";
    public static final String OPERATIONS = "operations";
    public static final String INTEGRATION = "integration";

    /** A caller without provider or team (anonymous, or a role that has none). */
    public Caller(String subject, Set<String> roles, String personId) {
        this(subject, roles, personId, null, null);
    }

    public static Caller of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            Set<String> roles = token.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toSet());
            return new Caller(jwt.getSubject(), roles, jwt.getClaimAsString("person_id"),
                    blankToNull(jwt.getClaimAsString("provider")), blankToNull(jwt.getClaimAsString("team")));
        }
        return new Caller("anonymous", Set.of(), null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** True when this caller is the service user who is this person. */
    public boolean isPerson(String id) {
        return has(SERVICE_USER) && personId != null && personId.equals(id);
    }
}
