package org.heard.kit.access;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The shared record-level rule, configured by {@code heard.access.*}. */
@AutoConfiguration
@EnableConfigurationProperties(AccessProperties.class)
public class AccessConfiguration {

    @Bean
    public CaseAccess caseAccess(AccessProperties properties) {
        return new CaseAccess(properties);
    }
}
