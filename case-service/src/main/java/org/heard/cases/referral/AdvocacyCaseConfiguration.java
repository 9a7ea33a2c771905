package org.heard.cases.referral;

import org.heard.cases.person.Persons;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The advocacy cases for the sliced use cases' handlers, through Axon's repository of {@link AdvocacyCase}. */
@Configuration(proxyBeanMethods = false)
class AdvocacyCaseConfiguration {

    @Bean
    AdvocacyCases advocacyCases(org.axonframework.config.Configuration axon, Persons persons) {
        return new AdvocacyCases(() -> axon.repository(AdvocacyCase.class), persons);
    }
}
