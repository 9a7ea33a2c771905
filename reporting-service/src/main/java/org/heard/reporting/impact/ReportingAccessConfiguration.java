package org.heard.reporting.impact;

import static org.heard.kit.security.Caller.ADVOCATE;
import static org.heard.kit.security.Caller.ANALYST;
import static org.heard.kit.security.Caller.OPERATIONS;
import static org.heard.kit.security.Caller.SERVICE_USER;

import org.heard.kit.privacy.Pseudonyms;
import org.heard.kit.security.AccessRules;
import org.heard.reporting.disclosure.CohortCounts;
import org.heard.reporting.disclosure.Disclosure;
import org.heard.reporting.disclosure.DisclosureRule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call which endpoint of reporting-service, and the one disclosure rule every aggregate passes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnalyticsProperties.class)
public class ReportingAccessConfiguration {

    /** Analysts see aggregates and pseudonymised rows; a timeline is for the person's advocate or the person. */
    @Bean
    AccessRules reportingServiceAccess() {
        return rules -> rules
                // the dashboard's files and libraries hold no data: every figure is fetched with the caller's token
                .requestMatchers(HttpMethod.GET, "/dashboard", "/dashboard/", "/dashboard/**", "/webjars/**")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/api/persons/*/timeline").hasAnyRole(ADVOCATE, SERVICE_USER)
                .requestMatchers(HttpMethod.GET, "/api/persons/*/progress").hasAnyRole(ADVOCATE, SERVICE_USER)
                .requestMatchers(HttpMethod.GET, "/api/persons/*/trajectories").hasAnyRole(ADVOCATE, SERVICE_USER)
                .requestMatchers(HttpMethod.GET, "/api/impact/**").hasRole(ANALYST)
                .requestMatchers("/api/operations/**").hasRole(OPERATIONS);
    }

    /** The one disclosure rule of this deployment, used by every analyst output. */
    @Bean
    Disclosure disclosure(AnalyticsProperties properties) {
        return new Disclosure(new DisclosureRule(properties.suppressUpTo(), properties.roundingBase()));
    }

    @Bean
    CohortCounts cohortCounts(Disclosure disclosure) {
        return new CohortCounts(disclosure);
    }

    @Bean
    org.heard.reporting.cohort.CohortImpact cohortImpact(Disclosure disclosure) {
        return new org.heard.reporting.cohort.CohortImpact(disclosure);
    }

    @Bean
    DatasetPseudonyms datasetPseudonyms(AnalyticsProperties properties) {
        if (properties.datasetKey() == null || properties.datasetKey().isBlank()) {
            throw new IllegalStateException("heard.analytics.dataset-key (HEARD_DATASET_KEY) must be set: analysts"
                    + " see people only under per-dataset pseudonyms");
        }
        return new DatasetPseudonyms(Pseudonyms.fromBase64(properties.datasetKey()));
    }
}
