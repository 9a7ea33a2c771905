package org.heard.contracts.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.heard.contracts.Topic;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;

/**
 * Checks the hash chains of {@code heard.audit.v1}: reads the topic from its start to its current end and, for each
 * producer, that every record follows the one before (sequence + 1, its previous hash the hash before) and that its
 * hash is that of its own data. A chain whose first record is not sequence 1 is reported as starting later (retention
 * may have removed its head; tampering with the head is not detectable then). Exit status 1 when any chain is broken.
 * Run as {@code ./heard audit verify}.
 */
public final class AuditVerifier {

    /** One producer's chain as found. */
    public record Chain(String producer, long records, long firstSequence, long lastSequence, List<String> breaks) {
        public boolean intact() {
            return breaks.isEmpty();
        }
    }

    /** All chains, and records that carry no chain (written before the chain existed, or not CloudEvents). */
    public record Result(Map<String, Chain> chains, long unchained) {
        public boolean intact() {
            return chains.values().stream().allMatch(Chain::intact);
        }
    }

    private AuditVerifier() {
    }

    /** Verifies records in the order of their partitions' offsets (a producer's records are on one partition). */
    public static Result verify(Iterable<ConsumerRecord<String, byte[]>> records) {
        Map<String, long[]> state = new HashMap<>(); // producer -> {count, first, last}
        Map<String, String> lastHash = new HashMap<>();
        Map<String, List<String>> breaks = new TreeMap<>();
        long unchained = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            CloudEvent event;
            try {
                event = KafkaMessageFactory.createReader(record).toEvent();
            } catch (RuntimeException e) {
                unchained++;
                continue;
            }
            Object producer = event.getExtension(AuditChain.EXT_PRODUCER);
            Object sequenceValue = event.getExtension(AuditChain.EXT_SEQUENCE);
            Object previous = event.getExtension(AuditChain.EXT_PREVIOUS);
            Object hash = event.getExtension(AuditChain.EXT_HASH);
            if (producer == null || sequenceValue == null || previous == null || hash == null) {
                unchained++;
                continue;
            }
            String id = producer.toString();
            String where = "partition " + record.partition() + " offset " + record.offset();
            List<String> found = breaks.computeIfAbsent(id, k -> new ArrayList<>());
            long sequence;
            try {
                sequence = Long.parseLong(sequenceValue.toString());
            } catch (NumberFormatException e) {
                found.add(where + ": sequence is not a number");
                continue;
            }
            byte[] data = event.getData() == null ? new byte[0] : event.getData().toBytes();
            if (!AuditChain.hash(previous.toString(), id, sequence, data).equals(hash.toString())) {
                found.add(where + ": record " + sequence + " does not match its hash (changed)");
            }
            long[] seen = state.get(id);
            if (seen == null) {
                state.put(id, new long[] {1, sequence, sequence});
                if (sequence == 1 && !AuditChain.GENESIS.equals(previous.toString())) {
                    found.add(where + ": record 1 does not start from the genesis hash");
                }
            } else {
                if (sequence != seen[2] + 1) {
                    found.add(where + ": record " + sequence + " follows record " + seen[2]
                            + (sequence > seen[2] + 1 ? " (records missing)" : " (repeated or reordered)"));
                } else if (!previous.toString().equals(lastHash.get(id))) {
                    found.add(where + ": record " + sequence + " does not link to the record before it");
                }
                seen[0]++;
                seen[2] = sequence;
            }
            lastHash.put(id, hash.toString());
        }
        Map<String, Chain> chains = new TreeMap<>();
        state.forEach((id, seen) -> chains.put(id, new Chain(id, seen[0], seen[1], seen[2],
                List.copyOf(breaks.getOrDefault(id, List.of())))));
        return new Result(chains, unchained);
    }

    /** Every record of the audit topic, from the start to the end it has now. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "heard-audit-verify-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(Topic.AUDIT.topicName(), Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
        }
        all.sort(java.util.Comparator.<ConsumerRecord<String, byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return all;
    }

    /** {@code AuditVerifier [bootstrap-servers]} (default 127.0.0.1:$HEARD_KAFKA_PORT or 127.0.0.1:9092). */
    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0]
                : "127.0.0.1:" + System.getenv().getOrDefault("HEARD_KAFKA_PORT", "9092");
        Result result = verify(readAll(bootstrap));
        for (Chain chain : result.chains().values()) {
            System.out.printf("%-40s %8d records  sequence %d..%d%s  %s%n", chain.producer(), chain.records(),
                    chain.firstSequence(), chain.lastSequence(),
                    chain.firstSequence() > 1 ? " (starts after 1: older records expired)" : "",
                    chain.intact() ? "intact" : "BROKEN");
            chain.breaks().forEach(b -> System.out.println("    " + b));
        }
        System.out.printf("%d chains, %d records without a chain: %s%n", result.chains().size(), result.unchained(),
                result.intact() ? "all intact" : "BROKEN");
        System.exit(result.intact() ? 0 : 1);
    }
}
