package org.heard.contracts.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.heard.contracts.Topic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft) running in the test JVM, started once and shared by the JVM's test classes; under
 * {@code -Pdocker-it} a Kafka container instead.
 */
public final class TestKafka {

    private static EmbeddedKafkaKraftBroker broker;
    private static org.testcontainers.kafka.KafkaContainer container;

    private TestKafka() {
    }

    /** The broker's bootstrap servers; starts it on first use with Heard's topics, 3 partitions each. */
    public static synchronized String bootstrapServers() {
        if (DockerIt.enabled()) {
            if (container == null) {
                container = new org.testcontainers.kafka.KafkaContainer("apache/kafka:4.1.1");
                container.start();
                Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            }
            return container.getBootstrapServers();
        }
        if (broker == null) {
            String[] topics = java.util.Arrays.stream(Topic.values()).map(Topic::topicName).toArray(String[]::new);
            broker = new EmbeddedKafkaKraftBroker(1, 3, topics);
            broker.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        }
        return broker.getBrokersAsString();
    }

    /** A consumer of the given topics from the earliest offset, in a group of its own. */
    public static KafkaConsumer<String, byte[]> consumer(Topic... topics) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(java.util.Arrays.stream(topics).map(Topic::topicName).toList());
        return consumer;
    }

    /**
     * A consumer of every partition of the given topics from their end as they are now: it sees only what is
     * published from here on, however much earlier test classes left on the shared broker.
     */
    public static KafkaConsumer<String, byte[]> consumerFromNow(Topic... topics) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : topics) {
            consumer.partitionsFor(topic.topicName()).forEach(info ->
                    partitions.add(new org.apache.kafka.common.TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, not at the first poll
        return consumer;
    }

    /** Polls once for up to the given time and returns what arrived. */
    public static List<ConsumerRecord<String, byte[]>> poll(KafkaConsumer<String, byte[]> consumer, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        consumer.poll(timeout).forEach(records::add);
        return records;
    }
}
