package org.heard.reporting.ops;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bson.Document;
import org.heard.reporting.ReportingProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoDatabase;

/** /actuator/health shows whether Kafka and MongoDB answer (components {@code kafka} and {@code mongo}). */
@Configuration(proxyBeanMethods = false)
public class StreamHealth {

    @Bean
    AbstractHealthIndicator kafkaHealthIndicator(ReportingProperties properties) {
        return new AbstractHealthIndicator() {
            @Override
            protected void doHealthCheck(Health.Builder builder) throws Exception {
                Map<String, Object> config = new java.util.HashMap<>(properties.kafka().client());
                config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
                config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
                config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
                try (Admin admin = Admin.create(config)) {
                    int brokers = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
                    builder.up().withDetail("brokers", brokers);
                }
            }
        };
    }

    @Bean
    AbstractHealthIndicator mongoHealthIndicator(MongoDatabase database) {
        return new AbstractHealthIndicator() {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                database.runCommand(new Document("ping", 1));
                builder.up().withDetail("database", database.getName());
            }
        };
    }
}
