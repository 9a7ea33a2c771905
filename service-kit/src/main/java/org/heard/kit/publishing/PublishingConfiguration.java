package org.heard.kit.publishing;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.heard.contracts.kafka.TopicProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.micrometer.core.instrument.MeterRegistry;

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
}
