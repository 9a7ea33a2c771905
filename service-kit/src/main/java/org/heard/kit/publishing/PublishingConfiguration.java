package org.heard.kit.publishing;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.heard.contracts.kafka.TopicProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** Wires the Kafka publisher into a write service: one tracking processor, errors propagated, never swallowed. */
@AutoConfiguration
@org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "org.axonframework.config.ConfigurerModule")
@EnableConfigurationProperties(PublishingProperties.class)
public class PublishingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PublishingConfiguration.class);

    @Bean(destroyMethod = "close")
    public KafkaEventPublisher kafkaEventPublisher(PublishingProperties properties,
                                                   ObjectProvider<MeterRegistry> meters) {
        if (properties.createTopics()) {
            Map<String, Object> admin = new HashMap<>(properties.client());
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
            if (!TopicProvisioner.ensureTopics(admin, properties.partitions(), properties.replicationFactor(), 10_000)) {
                log.warn("Kafka at {} not reachable at start; events are kept in the event store and published"
                        + " once it is", properties.bootstrapServers());
            }
        }
        return new KafkaEventPublisher(properties, meters.getIfAvailable());
    }

    /**
     * A single-segment tracking processor keeps the global order of the event store and hands the publisher up to
     * {@code heard.kafka.publish-batch-size} events per unit of work (one token update per batch); a failure is
     * propagated so the processor retries the same batch instead of logging it and moving its token on.
     */
    @Bean
    public ConfigurerModule kafkaPublisherProcessing(PublishingProperties properties) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(KafkaEventPublisher.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        c -> org.axonframework.eventhandling.TrackingEventProcessorConfiguration
                                .forSingleThreadedProcessing().andBatchSize(properties.publishBatchSize()))
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }

    /**
     * Axon's processor metrics for the publisher alone, in the service's own registry (so in the Prometheus scrape):
     * {@code axon_publisher_latency} (how old the last event handled was, in ms), {@code axon_publisher_capacity},
     * the ingested/success/failure counters and timers, tagged {@code processorName="kafka-publisher"}. Axon's own
     * auto-configuration is turned off in the services: it orders itself against Spring Boot 3's metrics classes,
     * so on Boot 4 it timed every command and event into a registry nothing reads.
     */
    @Bean
    @SuppressWarnings("unchecked")
    public ConfigurerModule kafkaPublisherMetrics(ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry == null) {
            return configurer -> { };
        }
        MessageMonitor<? super EventMessage<?>> monitor = new GlobalMetricRegistry(registry).registerEventProcessor(
                "axon.publisher", message -> Tags.of("processorName", KafkaEventPublisher.PROCESSING_GROUP));
        MessageMonitor<Message<?>> forMessages = (MessageMonitor<Message<?>>) (MessageMonitor<?>) monitor;
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerMessageMonitor(KafkaEventPublisher.PROCESSING_GROUP, c -> forMessages));
    }
}
