package org.heard.kit.security;

import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every service is an OAuth2 resource server: a request needs a bearer JWT signed (RS256 only) by the configured
 * issuer, for the configured audience and not expired; its {@code roles} claim decides which endpoints it may call.
 * Failures answer problem+json (401 or 403) and are written to the audit stream.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@EnableWebSecurity
@EnableConfigurationProperties({JwtProperties.class, KafkaConnection.class})
public class SecurityConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public JwtDecoder jwtDecoder(JwtProperties properties, Clock clock) throws IOException {
        if (properties.issuer() == null || properties.audience() == null) {
            throw new IllegalStateException("heard.security.jwt.issuer and heard.security.jwt.audience"
                    + " (HEARD_JWT_ISSUER, HEARD_JWT_AUDIENCE) must be set");
        }
        NimbusJwtDecoder decoder;
        if (properties.publicKeyLocation() != null && !properties.publicKeyLocation().isBlank()) {
            try (InputStream pem = new DefaultResourceLoader().getResource(properties.publicKeyLocation()).getInputStream()) {
                RSAPublicKey key = RsaKeyConverters.x509().convert(pem);
                decoder = NimbusJwtDecoder.withPublicKey(key).signatureAlgorithm(SignatureAlgorithm.RS256).build();
            }
        } else if (properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        } else {
            throw new IllegalStateException("set heard.security.jwt.public-key-location (HEARD_JWT_PUBLIC_KEY) or"
                    + " heard.security.jwt.jwk-set-uri (HEARD_JWT_JWK_SET_URI)");
        }
        TokenRules rules = new TokenRules(properties, clock);
        decoder.setJwtValidator(rules);
        return new CachingJwtDecoder(decoder, rules, 10_000);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(AuditTrail.class)
    public KafkaAuditTrail auditTrail(KafkaConnection kafka, @Value("${spring.application.name}") String service,
                                      Clock clock) {
        return new KafkaAuditTrail(new KafkaProducer<>(kafka.producerConfig(service + "-audit"), new StringSerializer(),
                new ByteArraySerializer()), service, clock);
    }

    /**
     * The one answer to a refused authorisation (403 problem+json, audited): for the role rules of the filter chain,
     * and for the record-level checks of the endpoints (through {@code ProblemHandlers}, inside the dispatcher, so that
     * what the idempotency filter keeps is the 403 actually sent).
     */
    @Bean
    public AccessDeniedHandler heardAccessDeniedHandler(AuditTrail audit) {
        return (request, response, exception) -> {
            audit.failure(Caller.of(SecurityContextHolder.getContext().getAuthentication()), "AUTHORISATION_FAILED",
                    resource(request), "not permitted");
            problem(response, HttpStatus.FORBIDDEN, "Forbidden", "Your role does not permit this request");
        };
    }

    @Bean
    public SecurityFilterChain heardSecurity(HttpSecurity http, JwtDecoder decoder, AccessRules rules,
                                             AuditTrail audit, AccessDeniedHandler denied,
                                             AnonymousFailures anonymous,
                                             ObjectProvider<RequestMappingHandlerMapping> endpoints) throws Exception {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);

        AuthenticationEntryPoint unauthenticated = (request, response, exception) -> {
            anonymous.failure(resource(request));
            response.setHeader("WWW-Authenticate", "Bearer");
            problem(response, HttpStatus.UNAUTHORIZED, "Unauthorized", "A valid bearer token is required");
        };

        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
                    requests.requestMatchers("/error").permitAll();
                    // the API's description is public: it holds no data
                    requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                            .permitAll();
                    requests.requestMatchers("/actuator/**").hasRole(Caller.OPERATIONS);
                    rules.configure(requests);
                    // an address no endpoint serves is 404 for an authenticated caller; one an endpoint serves but
                    // no rule lets through is denied (a new endpoint is closed until a rule names it)
                    requests.anyRequest().access((authentication, context) -> new AuthorizationDecision(
                            isAuthenticated(authentication.get()) && !served(endpoints, context.getRequest())));
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied));
        return http.build();
    }

    /**
     * Spring's firewall, with the default rule for header values (no control characters) checked by a plain loop: its
     * regular expression ran on every read of the long Authorization header and cost a seventh of the CPU under load.
     */
    @Bean
    public org.springframework.security.web.firewall.StrictHttpFirewall httpFirewall() {
        org.springframework.security.web.firewall.StrictHttpFirewall firewall =
                new org.springframework.security.web.firewall.StrictHttpFirewall();
        firewall.setAllowedHeaderValues(SecurityConfiguration::withoutControlCharacters);
        // a NUL or other control character in a query parameter would reach PostgreSQL or a BSON key
        firewall.setAllowedParameterValues(SecurityConfiguration::withoutControlCharacters);
        firewall.setAllowedParameterNames(SecurityConfiguration::withoutControlCharacters);
        return firewall;
    }

    /** A request the firewall refuses (a control character, an encoded slash, ...) is 400 problem+json, not HTML. */
    @Bean
    public org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
        return (request, response, exception) -> org.heard.kit.web.Problems.write(response, HttpStatus.BAD_REQUEST,
                java.net.URI.create("urn:heard:problem:invalid-request"), "Invalid request",
                "The request's URL, a parameter or a header holds something that is not allowed");
    }

    /** Failed authentications of anonymous callers, written to the audit stream at a bounded rate. */
    @Bean
    @ConditionalOnMissingBean
    public AnonymousFailures anonymousFailures(AuditTrail audit, Clock clock) {
        return new AnonymousFailures(audit, clock, AnonymousFailures.DEFAULT_PER_MINUTE);
    }

    private static boolean isAuthenticated(org.springframework.security.core.Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
    }

    /** True when an endpoint of the service answers this address (whatever the method). */
    private static boolean served(ObjectProvider<RequestMappingHandlerMapping> endpoints, HttpServletRequest request) {
        boolean parsed = org.springframework.web.util.ServletRequestPathUtils.hasParsedRequestPath(request);
        if (!parsed) {
            org.springframework.web.util.ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            for (RequestMappingHandlerMapping mapping : (Iterable<RequestMappingHandlerMapping>)
                    endpoints.orderedStream()::iterator) {
                try {
                    if (mapping.getHandler(request) != null) {
                        return true;
                    }
                } catch (Exception e) {
                    // a method or media type mismatch: the address is served
                    return true;
                }
            }
            return false;
        } finally {
            if (!parsed) {
                org.springframework.web.util.ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }

    static boolean withoutControlCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80 ? (c < 0x20 || c == 0x7f) : (Character.isISOControl(c) || !Character.isDefined(c))) {
                return false;
            }
        }
        return true;
    }

    /** The method and path, cut to a bounded length (a path is the caller's choice). */
    static String resource(HttpServletRequest request) {
        String resource = request.getMethod() + " " + request.getRequestURI();
        return resource.length() > 200 ? resource.substring(0, 200) + "…" : resource;
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setCharacterEncoding("UTF-8");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"urn:heard:problem:" + (status == HttpStatus.UNAUTHORIZED
                ? "unauthorized" : "forbidden") + "\",\"title\":\"" + title + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail + "\"}");
    }
}
