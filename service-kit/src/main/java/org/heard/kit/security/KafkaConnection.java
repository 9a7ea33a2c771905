package org.heard.kit.security;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The brokers every service talks to ({@code heard.kafka.bootstrap-servers}) and extra client properties
 * ({@code heard.kafka.client.*}: TLS, SASL), as the audit stream needs them.
 */
@ConfigurationProperties("heard.kafka")
public record KafkaConnection(@DefaultValue("localhost:9092") String bootstrapServers, Map<String, String> client) {

    public KafkaConnection {
        client = client == null ? Map.of() : Map.copyOf(client);
    }

    /** Settings of an idempotent, acks=all producer. */
    public Map<String, Object> producerConfig(String clientId) {
        return producerConfig(bootstrapServers, client, clientId);
    }

    /**
     * The one way Heard configures a producer (publisher, audit, dead letters): idempotent, acks=all, and failing an
     * attempt within seconds when the broker is away so that the caller's own retry decides; extra client properties
     * (TLS, SASL) pass through.
     */
    public static Map<String, Object> producerConfig(String bootstrapServers, Map<String, String> client,
                                                     String clientId) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }
}
