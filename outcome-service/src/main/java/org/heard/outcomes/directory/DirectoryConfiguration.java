package org.heard.outcomes.directory;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
                                DirectoryProperties properties, DataSourceInitializer outcomeSchemaInitializer,
                                DirectoryLag directoryLag) {
        return new CaseDirectory(new JdbcTemplate(dataSource), transactionManager, properties.waitForUnknown(),
                properties.waitWhileBehind(), directoryLag);
    }

    /** How far the directory's consumer group is behind {@code heard.case.v1}, asked of the brokers. */
    @Bean(destroyMethod = "close")
    DirectoryLag directoryLag(KafkaConnection kafka, DirectoryProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.client());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "heard-outcome-directory-lag");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
        return new DirectoryLag(Admin.create(config), properties.groupId());
    }

    @Bean
    DirectoryConsumer directoryConsumer(KafkaConnection kafka, DirectoryProperties properties, CaseDirectory directory,
                                        ObjectProvider<MeterRegistry> meters) {
        return new DirectoryConsumer(kafka, properties, directory, meters.getIfAvailable(() -> Metrics.globalRegistry));
    }
}
