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

    /**
     * {@code projections}: DOWN while batches cannot be written (MongoDB or the dead-letter topic failing; the
     * consumer keeps its place and retries), with since when and the error's class, or while the consumer is stalled
     * (records waiting and nothing applied for {@code heard.kafka.stall-after}); UP with the records behind.
     */
    @Bean
    AbstractHealthIndicator projectionsHealthIndicator(org.heard.reporting.ingest.ProjectionConsumer consumer) {
        return new AbstractHealthIndicator() {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                org.heard.reporting.ingest.ProjectionConsumer.Failing failing = consumer.failing();
                long behind = consumer.lag().values().stream().mapToLong(Long::longValue).sum();
                if (failing != null) {
                    builder.down().withDetail("writesFailingSince", failing.since().toString())
                            .withDetail("error", failing.error()).withDetail("attempts", failing.attempts());
                } else if (consumer.stalled(behind)) {
                    builder.down().withDetail("stalled", true);
                } else {
                    builder.up();
                }
                builder.withDetail("recordsBehind", behind)
                        .withDetail("generation", consumer.writer().projections().generation());
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
