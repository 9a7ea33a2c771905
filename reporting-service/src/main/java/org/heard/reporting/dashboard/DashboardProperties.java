package org.heard.reporting.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the dashboard page signs people in ({@code heard.dashboard.*}).
 *
 * <p>In production the page signs in with the deployment's OpenID Connect issuer: the authorization-code flow with PKCE
 * (S256) for a public client, the access token kept in the tab's session storage only. Locally, with no issuer
 * configured, the page asks for a development token (as {@code ./heard token analyst} prints) or takes one handed to it
 * in the address's fragment ({@code #token=…}), which never reaches a server.
 *
 * @param oidcIssuer   the issuer's URL; its {@code /.well-known/openid-configuration} names the endpoints
 *                     ({@code HEARD_DASHBOARD_OIDC_ISSUER}); none: development sign-in
 * @param oidcClientId the public client registered for the dashboard ({@code HEARD_DASHBOARD_OIDC_CLIENT_ID})
 * @param oidcScope    the scopes asked for ({@code HEARD_DASHBOARD_OIDC_SCOPE}, default {@code openid})
 * @param operationsRefresh how often the stream-status page refreshes itself
 *                          ({@code HEARD_DASHBOARD_OPERATIONS_REFRESH}, default 10 s)
 */
@ConfigurationProperties("heard.dashboard")
public record DashboardProperties(String oidcIssuer, String oidcClientId, @DefaultValue("openid") String oidcScope,
                                  @DefaultValue("10s") java.time.Duration operationsRefresh) {

    /** Whether an OIDC issuer is configured for sign-in. */
    public boolean oidc() {
        return oidcIssuer != null && !oidcIssuer.isBlank() && oidcClientId != null && !oidcClientId.isBlank();
    }
}
