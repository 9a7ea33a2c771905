package org.heard.reporting.framework;

import org.heard.contracts.envelope.EventReader;
import org.heard.reporting.ReportingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The framework catalogue and the reader that keeps it. */
@Configuration(proxyBeanMethods = false)
public class FrameworkConfiguration {

    @Bean
    FrameworkCatalogue frameworkCatalogue() {
        return new FrameworkCatalogue();
    }

    @Bean
    FrameworkCatalogueReader frameworkCatalogueReader(ReportingProperties properties, EventReader reader,
                                                      FrameworkCatalogue catalogue) {
        return new FrameworkCatalogueReader(properties, reader, catalogue);
    }
}
