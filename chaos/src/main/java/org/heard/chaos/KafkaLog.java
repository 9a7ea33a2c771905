package org.heard.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.heard.contracts.Topic;

/** The event topics of the stack's broker, read from offset zero to the end, and the reporting consumer group's place. */
final class KafkaLog {

    /** reporting-service's consumer group (HEARD_REPORTING_GROUP_ID's default). */
    static final String REPORTING_GROUP = "heard-reporting";

    private final StackUnderTest stack;

    KafkaLog(StackUnderTest stack) {
        this.stack = stack;
    }

    private Map<String, Object> config() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10000);
    }

    private List<TopicPartition> partitions(Admin admin) throws Exception {
        List<String> names = Topic.eventTopics().stream().map(Topic::topicName).toList();
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, description) ->
                description.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        return partitions;
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get(10, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    /** Every CloudEvents id on the event topics, with how many records carry it (more than one is a redelivery). */
    Map<String, Integer> eventIds() throws Exception {
        Map<String, Integer> ids = new HashMap<>();
        try (Admin admin = Admin.create(config())) {
            List<TopicPartition> partitions = partitions(admin);
            Map<TopicPartition, Long> ends = endOffsets(admin, partitions);
            Map<String, Object> consumer = new HashMap<>(config());
            consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
            consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (partitions.stream().anyMatch(p -> reader.position(p) < ends.get(p))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("could not read the event topics to their end in 2 min");
                    }
                    for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(500))) {
                        Header id = record.headers().lastHeader("ce_id");
                        ids.merge(id == null ? "(record without ce_id)" : new String(id.value(),
                                StandardCharsets.UTF_8), 1, Integer::sum);
                    }
                }
            }
        }
        return ids;
    }

    /** How many records the reporting consumer group has not committed yet, over every event topic partition. */
    long reportingLag() throws Exception {
        try (Admin admin = Admin.create(config())) {
            List<TopicPartition> partitions = partitions(admin);
            Map<TopicPartition, Long> ends = endOffsets(admin, partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(REPORTING_GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata at = committed.get(partition);
                lag += ends.get(partition) - (at == null ? 0 : at.offset());
            }
            return lag;
        }
    }

    static Set<String> topics() {
        return Topic.eventTopics().stream().map(Topic::topicName).collect(Collectors.toSet());
    }
}
