package org.heard.gateway.caseservice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.heard.gateway.GatewayProperties;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The bearer token with which the gateway calls case-service as the {@code integration} role. Heard's services cannot
 * mint tokens, so it comes from outside: from the deployment's OAuth2 issuer by the client-credentials grant (renewed
 * a minute before it expires), or from a file that something trusted keeps current — the local launcher writes one
 * signed by the local issuer and renews it, as Kubernetes does with projected service-account tokens. The file is
 * read again whenever it changes.
 */
public interface ServiceToken {

    /** A current token; throws {@link CaseServiceUnavailable} when none can be had just now. */
    String current();

    /** Forget the token held (case-service refused it): the next call fetches or reads it again. */
    default void refresh() {
    }

    static ServiceToken of(GatewayProperties.CaseService config, Clock clock) {
        if (config.clientCredentials().configured()) {
            return new ClientCredentials(config.clientCredentials(), clock);
        }
        if (config.tokenFile() != null && !config.tokenFile().isBlank()) {
            return new TokenFile(Path.of(config.tokenFile()));
        }
        return () -> {
            throw new CaseServiceUnavailable("no service token configured (heard.gateway.case-service.token-file or"
                    + " .client-credentials)");
        };
    }

    /** A token kept in a file by someone trusted; re-read when its modification time changes. */
    final class TokenFile implements ServiceToken {

        private final Path file;
        private FileTime readAt;
        private String token;

        TokenFile(Path file) {
            this.file = file;
        }

        @Override
        public synchronized String current() {
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                if (token == null || !modified.equals(readAt)) {
                    token = Files.readString(file).trim();
                    readAt = modified;
                }
                return token;
            } catch (IOException e) {
                throw new CaseServiceUnavailable("the service token file cannot be read (" + e.getClass().getSimpleName()
                        + ")");
            }
        }

        @Override
        public synchronized void refresh() {
            token = null;
        }
    }

    /** OAuth2 client credentials from the deployment's issuer, through Spring Security's client. */
    final class ClientCredentials implements ServiceToken {

        private final ClientRegistration registration;
        private final RestClientClientCredentialsTokenResponseClient client =
                new RestClientClientCredentialsTokenResponseClient();
        private final Clock clock;
        private OAuth2AccessToken token;

        ClientCredentials(GatewayProperties.ClientCredentials config, Clock clock) {
            ClientRegistration.Builder builder = ClientRegistration.withRegistrationId("case-service")
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .clientId(config.clientId())
                    .clientSecret(config.clientSecret())
                    .tokenUri(config.tokenUri().toString());
            if (config.scope() != null && !config.scope().isBlank()) {
                builder.scope(config.scope().split("[ ,]+"));
            }
            this.registration = builder.build();
            this.clock = clock;
        }

        @Override
        public synchronized String current() {
            Instant now = clock.instant();
            if (token == null || token.getExpiresAt() == null
                    || token.getExpiresAt().minus(Duration.ofMinutes(1)).isBefore(now)) {
                try {
                    token = client.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration))
                            .getAccessToken();
                } catch (RuntimeException e) {
                    throw new CaseServiceUnavailable("the issuer did not grant a token (" + e.getClass().getSimpleName()
                            + ")");
                }
            }
            return token.getTokenValue();
        }

        @Override
        public synchronized void refresh() {
            token = null;
        }
    }
}
