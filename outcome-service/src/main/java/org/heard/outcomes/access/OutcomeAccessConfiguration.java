package org.heard.outcomes.access;

import static org.heard.kit.security.Caller.ADVOCATE;
import static org.heard.kit.security.Caller.ANALYST;
import static org.heard.kit.security.Caller.PANEL;
import static org.heard.kit.security.Caller.OPERATIONS;
import static org.heard.kit.security.Caller.SERVICE_USER;

import javax.sql.DataSource;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.heard.kit.axon.Schemas;
import org.heard.kit.security.AccessRules;
import org.heard.outcomes.framework.FrameworkCatalogue;
import org.heard.outcomes.impact.KnownCases;
import org.springframework.jdbc.datasource.init.DataSourceInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call which endpoint of outcome-service, and its read models. */
@Configuration(proxyBeanMethods = false)
public class OutcomeAccessConfiguration {

    /** Assessments are recorded by advocates, or by service users about themselves (checked in the endpoint). */
    @Bean
    AccessRules outcomeServiceAccess() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/assessments").hasAnyRole(ADVOCATE, SERVICE_USER)
                .requestMatchers(HttpMethod.POST, "/api/outcomes").hasAnyRole(ADVOCATE, SERVICE_USER)
                .requestMatchers(HttpMethod.POST, "/api/outcomes/*/revision").hasAnyRole(ADVOCATE, SERVICE_USER)
                .requestMatchers(HttpMethod.POST, "/api/outcomes/*/retraction").hasRole(ADVOCATE)
                .requestMatchers(HttpMethod.POST, "/api/goals", "/api/goals/*/**").hasRole(ADVOCATE)
                .requestMatchers(HttpMethod.POST, "/api/systemic-issues", "/api/systemic-issues/*/**").hasRole(ADVOCATE)
                .requestMatchers(HttpMethod.POST, "/api/frameworks/*/versions/*/reviews").hasAnyRole(ADVOCATE, PANEL)
                .requestMatchers(HttpMethod.POST, "/api/frameworks", "/api/frameworks/**").hasRole(ADVOCATE)
                .requestMatchers(HttpMethod.GET, "/api/frameworks/**").hasAnyRole(ADVOCATE, ANALYST, SERVICE_USER)
                .requestMatchers(HttpMethod.GET, "/api/operations/outbox").hasRole(OPERATIONS);
    }

    @Bean
    DataSourceInitializer outcomeSchemaInitializer(DataSource dataSource) {
        return Schemas.initializer(dataSource, "org-heard-outcomes-schema.sql");
    }

    /** The framework catalogue, known cases and record holders are updated in the command's own transaction. */
    @Bean
    ConfigurerModule outcomeReadModels() {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : new String[] {FrameworkCatalogue.GROUP, KnownCases.GROUP, RecordHolders.GROUP}) {
                processing.registerSubscribingEventProcessor(group)
                        .registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance());
            }
        });
    }
}
