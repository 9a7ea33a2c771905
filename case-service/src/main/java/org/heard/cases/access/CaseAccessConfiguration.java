package org.heard.cases.access;

import static org.heard.kit.security.Caller.ADVOCATE;
import static org.heard.kit.security.Caller.INTEGRATION;
import static org.heard.kit.security.Caller.OPERATIONS;
import static org.heard.kit.security.Caller.SERVICE_USER;

import javax.sql.DataSource;

import org.axonframework.config.ConfigurerModule;
import org.heard.cases.person.PersonStandingProjection;
import org.heard.cases.referral.CaseSummaryProjection;
import org.heard.kit.axon.Schemas;
import org.heard.kit.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.datasource.init.DataSourceInitializer;

/** Who may call which endpoint of case-service, and the read models the record-level checks use. */
@Configuration(proxyBeanMethods = false)
public class CaseAccessConfiguration {

    @Bean
    AccessRules caseServiceAccess() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/persons").hasAnyRole(ADVOCATE, INTEGRATION)
                .requestMatchers(HttpMethod.GET, "/api/persons").hasAnyRole(ADVOCATE, INTEGRATION)
                .requestMatchers(HttpMethod.GET, "/api/persons/*").hasAnyRole(ADVOCATE, SERVICE_USER)
                .requestMatchers(HttpMethod.POST, "/api/persons/*/erasure").hasAnyRole(ADVOCATE, SERVICE_USER)
                .requestMatchers(HttpMethod.POST, "/api/persons/*/consents", "/api/persons/*/consents/*/withdrawal")
                .hasAnyRole(ADVOCATE, SERVICE_USER)
                .requestMatchers(HttpMethod.POST, "/api/persons/*/equality-corrections").hasRole(ADVOCATE)
                .requestMatchers(HttpMethod.POST, "/api/persons/*/access-requests").hasRole(ADVOCATE)
                .requestMatchers(HttpMethod.POST, "/api/cases/*/legal-status").hasAnyRole(ADVOCATE, INTEGRATION)
                .requestMatchers(HttpMethod.POST, "/api/cases").hasAnyRole(ADVOCATE, INTEGRATION)
                .requestMatchers(HttpMethod.GET, "/api/cases").hasRole(ADVOCATE)
                .requestMatchers(HttpMethod.GET, "/api/cases/*").hasAnyRole(ADVOCATE, SERVICE_USER)
                .requestMatchers(HttpMethod.POST, "/api/cases/*/**").hasRole(ADVOCATE)
                .requestMatchers(HttpMethod.GET, "/api/operations/outbox").hasRole(OPERATIONS);
    }

    /** After Axon's tables: the script fills person_standing from the event store once. */
    @Bean
    DataSourceInitializer caseSchemaInitializer(DataSource dataSource, DataSourceInitializer axonSchemaInitializer) {
        return Schemas.initializer(dataSource, "org-heard-cases-schema.sql");
    }

    /** The caseload, person-standing and access-grant read models are updated in the command's own transaction. */
    @Bean
    ConfigurerModule caseSummaryProcessing() {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : new String[] {CaseSummaryProjection.GROUP, PersonStandingProjection.GROUP,
                    AccessGrantProjection.GROUP}) {
                processing.registerSubscribingEventProcessor(group)
                        .registerListenerInvocationErrorHandler(group,
                                c -> org.axonframework.eventhandling.PropagatingErrorHandler.instance());
            }
        });
    }
}
