package org.heard.kit.publishing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Health components of a write service, shown only to the operations role: {@code kafka} (the broker answers) and
 * {@code outbox} (the publisher's processor: its position in the event store, how many stored events lie beyond it,
 * i.e. stored but not yet acknowledged by Kafka, and the age of the oldest of them). A Kafka outage is reported in
 * both but is not a readiness failure: commands are still accepted and published once Kafka is back.
 */
@AutoConfiguration(after = PublishingConfiguration.class)
@ConditionalOnClass(name = {"org.axonframework.config.EventProcessingConfiguration",
        "org.springframework.boot.health.contributor.AbstractHealthIndicator"})
public class PublisherHealth {

    @Bean
    AbstractHealthIndicator kafkaHealthIndicator(PublishingProperties properties) {
        return new AbstractHealthIndicator("Kafka health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) throws Exception {
                Map<String, Object> config = new HashMap<>(properties.client());
                config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
                config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
                config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
                try (Admin admin = Admin.create(config)) {
                    builder.up().withDetail("brokers", admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size());
                }
            }
        };
    }

    @Bean
    AbstractHealthIndicator outboxHealthIndicator(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        return new AbstractHealthIndicator("Outbox health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                StreamingEventProcessor processor = processing.eventProcessor(KafkaEventPublisher.PROCESSING_GROUP,
                        StreamingEventProcessor.class).orElse(null);
                if (processor == null) {
                    builder.unknown().withDetail("processor", "not configured");
                    return;
                }
                Map<Integer, EventTrackerStatus> status = processor.processingStatus();
                boolean error = status.values().stream().anyMatch(EventTrackerStatus::isErrorState);
                long position = status.values().stream().map(EventTrackerStatus::getCurrentPosition)
                        .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min().orElse(-1);
                Map<String, Object> backlog = jdbc.queryForMap(
                        "select count(*) as waiting, min(time_stamp) as oldest from domain_event_entry"
                                + " where global_index > ?", position);
                long waiting = ((Number) backlog.get("waiting")).longValue();
                Object oldest = backlog.get("oldest");
                long ageSeconds = oldest == null ? 0
                        : Math.max(0, Duration.between(Instant.parse(oldest.toString()), Instant.now()).toSeconds());
                (processor.isRunning() && !error ? builder.up() : builder.down())
                        .withDetail("running", processor.isRunning())
                        .withDetail("error", error)
                        .withDetail("position", position)
                        .withDetail("waiting", waiting)
                        .withDetail("oldestWaitingSeconds", ageSeconds);
            }
        };
    }
}
