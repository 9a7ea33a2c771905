package org.heard.kit.web;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Registers the problem+json answers and the clock of date rules in every service that uses the kit. */
@AutoConfiguration
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

    /** Only where Axon is on the classpath (the write services). */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(
            name = "org.axonframework.modelling.command.AggregateNotFoundException")
    static class Axon {
        @Bean
        AxonProblemHandlers axonProblemHandlers() {
            return new AxonProblemHandlers();
        }
    }
}
