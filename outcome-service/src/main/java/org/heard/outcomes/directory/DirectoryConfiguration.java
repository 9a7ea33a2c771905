package org.heard.outcomes.directory;

import javax.sql.DataSource;

import org.heard.kit.security.KafkaConnection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.DataSourceInitializer;
import org.springframework.transaction.PlatformTransactionManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/** The directory of people and cases, and the consumer that keeps it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DirectoryProperties.class)
public class DirectoryConfiguration {

    @Bean
    CaseDirectory caseDirectory(DataSource dataSource, PlatformTransactionManager transactionManager,
                                DirectoryProperties properties, DataSourceInitializer outcomeSchemaInitializer) {
        return new CaseDirectory(new JdbcTemplate(dataSource), transactionManager, properties.waitForUnknown());
    }

    @Bean
    DirectoryConsumer directoryConsumer(KafkaConnection kafka, DirectoryProperties properties, CaseDirectory directory,
                                        ObjectProvider<MeterRegistry> meters) {
        return new DirectoryConsumer(kafka, properties, directory, meters.getIfAvailable(() -> Metrics.globalRegistry));
    }
}
