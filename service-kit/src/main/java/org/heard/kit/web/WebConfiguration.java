package org.heard.kit.web;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import tools.jackson.databind.json.JsonMapper;

/**
 * Registers, in every service that uses the kit: the problem+json answers (inside the dispatcher, at {@code /error},
 * and for Tomcat's own refusals), the request body limit, strict reading of request JSON, and the clock of date rules.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties({WebProperties.class, RateLimitProperties.class})
public class WebConfiguration {

    /** "Today" for date rules is today in England and Wales. */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.system(ZoneId.of("Europe/London"));
    }

    @Bean
    public ProblemHandlers problemHandlers(
            ObjectProvider<org.springframework.security.web.access.AccessDeniedHandler> accessDenied) {
        return new ProblemHandlers(accessDenied);
    }

    /** Consulted last: whatever no other handler answers is a 500 problem, inside the dispatcher. */
    @Bean
    public UnexpectedFailures unexpectedFailures() {
        return new UnexpectedFailures();
    }

    /** Per-caller rate limits on look-ups, registration conflicts and analyst queries. */
    @Bean
    @ConditionalOnMissingBean
    public RateLimits rateLimits(RateLimitProperties properties) {
        return new RateLimits(properties);
    }

    /** {@code /error} answers problem+json (404 when called directly). */
    @Bean
    public ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /** First of all filters, before authentication: a body over the limit is never read whole. */
    @Bean
    public FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(WebProperties properties) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(new BodyLimitFilter(properties));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Request bodies are read strictly (types as declared, no NUL); applied after Boot's own customizer. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    @ConditionalOnClass(name = "org.springframework.http.converter.json.JacksonJsonHttpMessageConverter")
    public ServerHttpMessageConvertersCustomizer strictJsonRequests(ObjectProvider<JsonMapper> mapper) {
        return builder -> StrictJson.converters(mapper.getIfAvailable(() -> JsonMapper.builder().build()))
                .customize(builder);
    }

    /** Tomcat's own refusals (bad request line, URL or headers) as problem+json. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class Tomcat {
        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory>
                problemReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                org.apache.catalina.Container host = context.getParent();
                if (host instanceof org.apache.catalina.core.StandardHost standard) {
                    standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
                if (host != null) {
                    for (org.apache.catalina.Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof org.apache.catalina.valves.ErrorReportValve
                                && !(valve instanceof ProblemReportValve)) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                }
            });
        }
    }

    /** Only where Axon is on the classpath (the write services). */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.axonframework.modelling.command.AggregateNotFoundException")
    static class Axon {
        @Bean
        AxonProblemHandlers axonProblemHandlers() {
            return new AxonProblemHandlers();
        }
    }
}
