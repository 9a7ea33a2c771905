package org.heard.outcomes.access;

import static org.heard.kit.security.Caller.ADVOCATE;
import static org.heard.kit.security.Caller.SERVICE_USER;

import org.heard.kit.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call which endpoint of outcome-service. */
@Configuration(proxyBeanMethods = false)
public class OutcomeAccessConfiguration {

    /** Assessments are recorded by advocates, or by service users about themselves (checked in the endpoint). */
    @Bean
    AccessRules outcomeServiceAccess() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/assessments").hasAnyRole(ADVOCATE, SERVICE_USER);
    }
}
