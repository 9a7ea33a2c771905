package org.heard.kit.publishing;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a write service reaches Kafka ({@code heard.kafka.*}; environment {@code HEARD_KAFKA_BOOTSTRAP_SERVERS} etc.).
 *
 * @param bootstrapServers  the brokers
 * @param source            CloudEvents source of this service's events, e.g. {@code /heard/case-service}
 * @param createTopics      create missing topics at start (turn off where operations provision them)
 * @param partitions        partition count for created topics; the same for every event topic
 * @param replicationFactor replication factor for created topics
 * @param retryBackoffMax   the longest wait between two attempts to publish an event Kafka did not acknowledge
 * @param publishBatchSize  the most events published in one unit of work of the outbox (one token update each)
 * @param client            further producer/admin properties passed as they are (security, SASL, TLS)
 */
@ConfigurationProperties("heard.kafka")
public record PublishingProperties(
        @DefaultValue("localhost:9092") String bootstrapServers,
        @DefaultValue("/heard/unnamed-service") String source,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("5s") Duration retryBackoffMax,
        @DefaultValue("500") int publishBatchSize,
        Map<String, String> client) {

    public PublishingProperties {
        client = client == null ? Map.of() : Map.copyOf(client);
    }
}
