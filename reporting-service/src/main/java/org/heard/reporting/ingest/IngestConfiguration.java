package org.heard.reporting.ingest;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.heard.contracts.kafka.TopicProvisioner;
import org.heard.kit.security.KafkaConnection;
import org.heard.reporting.ReportingProperties;
import org.heard.contracts.envelope.EventReader;
import org.heard.reporting.projection.LiveProjections;
import org.heard.reporting.projection.PeerChanges;
import org.heard.reporting.projection.PeerFollower;
import org.heard.reporting.projection.ProjectionWriter;
import org.heard.reporting.projection.Rebuild;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import io.micrometer.core.instrument.MeterRegistry;

/** Kafka in, MongoDB out. */
@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(ReportingProperties properties) {
        return MongoClients.create(properties.mongo().uri());
    }

    @Bean
    MongoDatabase reportingDatabase(MongoClient client, ReportingProperties properties) {
        return client.getDatabase(properties.mongo().database());
    }

    @Bean
    LiveProjections liveProjections(MongoClient client, ReportingProperties properties) {
        return new LiveProjections(client, properties.mongo().database());
    }

    /** Reads records as the contracts say: envelope, schema, typed record. */
    @Bean
    EventReader eventReader() {
        return EventReader.forCatalogue();
    }

    /** How this instance tells the others of its consumer group which profiles it changed. */
    @Bean
    PeerChanges peerChanges(Clock clock) {
        return new PeerChanges(java.util.UUID.randomUUID().toString(), clock);
    }

    @Bean
    PeerFollower peerFollower(LiveProjections projections, ProjectionConsumer consumer, PeerChanges peers,
                              ReportingProperties properties, Clock clock) {
        return new PeerFollower(projections, consumer, peers, properties.kafka().followPeersEvery(), clock);
    }

    @Bean
    Rebuild rebuild(ReportingProperties properties, LiveProjections projections, ProjectionConsumer consumer,
                    EventReader reader, PeerChanges peers, MeterRegistry meters, Clock clock) {
        return new Rebuild(properties, projections, consumer, reader, peers, meters, clock);
    }

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> deadLetterProducer(ReportingProperties properties) {
        Map<String, Object> config = KafkaConnection.producerConfig(properties.kafka().bootstrapServers(),
                properties.kafka().client(), properties.kafka().groupId() + "-deadletters");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    ProjectionConsumer projectionConsumer(ReportingProperties properties, LiveProjections projections,
                                          Producer<String, byte[]> deadLetterProducer, EventReader reader,
                                          PeerChanges peers, MeterRegistry meters, Clock clock) {
        ReportingProperties.Kafka kafka = properties.kafka();
        if (kafka.createTopics()) {
            Map<String, Object> admin = new HashMap<>(kafka.client());
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            TopicProvisioner.ensureTopics(admin, kafka.partitions(), kafka.replicationFactor(), 10_000);
        }
        Map<String, Object> config = new HashMap<>(kafka.client());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, kafka.maxPollRecords());
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, kafka.groupId());
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        return new ProjectionConsumer(consumer, new ProjectionWriter(projections.live(), projections.index(), peers),
                reader,
                new DeadLetters(deadLetterProducer, kafka.groupId()), meters, kafka.retryBackoff(), kafka.stallAfter(),
                clock);
    }
}
