package org.heard.gateway.access;

import static org.heard.kit.security.Caller.INTEGRATION;
import static org.heard.kit.security.Caller.OPERATIONS;

import org.heard.kit.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call the gateway over HTTP: trusts' systems as the {@code integration} role (FHIR in and out, opt-outs),
 * operations for the inbox. The FHIR capability statement is public (it holds no data). HL7 v2 senders are
 * authenticated by the listener (configured sending facilities; mutual TLS as configuration).
 */
@Configuration(proxyBeanMethods = false)
public class GatewayAccessConfiguration {

    @Bean
    AccessRules gatewayAccess() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/fhir/metadata").permitAll()
                .requestMatchers("/fhir", "/fhir/**").hasRole(INTEGRATION)
                .requestMatchers(HttpMethod.POST, "/api/opt-outs").hasRole(INTEGRATION)
                .requestMatchers(HttpMethod.GET, "/api/operations/**").hasRole(OPERATIONS);
    }
}
