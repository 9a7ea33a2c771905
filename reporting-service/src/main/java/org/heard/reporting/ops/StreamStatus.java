package org.heard.reporting.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.heard.contracts.Topic;
import org.heard.reporting.ReportingProperties;
import org.heard.reporting.ingest.ProjectionConsumer;
import org.heard.reporting.projection.LiveProjections;
import org.heard.reporting.projection.Rebuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The event streams as reporting-service sees them, for operations: per partition of every event topic the end
 * offset, the offset the live projections hold, the group's committed offset, and the lag in records and in seconds
 * (the age of the oldest record not yet in the projections; 0 when caught up); whether the consumer is failing or
 * stalled; the dead-letter topic by reason; the rebuild. Worked out every 15 s (and on request when older than 5 s);
 * the lag in seconds is also the gauge {@code heard_reporting_consumer_lag_seconds{topic,partition}}.
 */
public class StreamStatus implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamStatus.class);
    private static final Duration FRESH = Duration.ofSeconds(5);

    /** One partition of an event topic. */
    public record Partition(String topic, int partition, long endOffset, Long heldOffset, Long committedOffset,
                            long lagRecords, double lagSeconds) {
    }

    /**
     * @param lagRecords  records behind over all partitions
     * @param lagSeconds  the oldest record not yet applied, in seconds (0 when caught up)
     * @param stalled     records are waiting and nothing has been applied for {@code heard.kafka.stall-after}
     * @param deadLetters records parked and not yet replayed or resolved, by reason
     */
    public record Status(Instant at, String consumerGroup, int liveGeneration, List<Partition> partitions,
                         long lagRecords, double lagSeconds, boolean stalled,
                         ProjectionConsumer.Failing writesFailing, int deadLettersParked,
                         Map<String, Integer> deadLetters, Rebuild.Status rebuild) {
    }

    private final ReportingProperties properties;
    private final LiveProjections projections;
    private final ProjectionConsumer consumer;
    private final DeadLetterArchive deadLetters;
    private final Rebuild rebuild;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicReference<Status> latest = new AtomicReference<>();
    private final Map<TopicPartition, double[]> lagSeconds = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "stream-status");
        thread.setDaemon(true);
        return thread;
    });

    public StreamStatus(ReportingProperties properties, LiveProjections projections, ProjectionConsumer consumer,
                        DeadLetterArchive deadLetters, Rebuild rebuild, MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.projections = projections;
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.rebuild = rebuild;
        this.meters = meters;
        this.clock = clock;
        Gauge.builder("heard.reporting.stalled", latest, l -> l.get() != null && l.get().stalled() ? 1 : 0)
                .description("1 while records wait and nothing has been applied for heard.kafka.stall-after, else 0")
                .register(meters);
        timer.scheduleWithFixedDelay(this::refreshQuietly, 15, 15, TimeUnit.SECONDS);
    }

    /** The status, worked out now unless the last one is recent. */
    public synchronized Status now() {
        Status last = latest.get();
        if (last != null && Duration.between(last.at(), clock.instant()).compareTo(FRESH) < 0) {
            return last;
        }
        return refresh();
    }

    private void refreshQuietly() {
        try {
            synchronized (this) {
                refresh();
            }
        } catch (RuntimeException e) {
            log.debug("Stream status not worked out ({})", e.getClass().getSimpleName());
        }
    }

    private Status refresh() {
        Map<String, Object> config = new HashMap<>(properties.kafka().client());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        Map<TopicPartition, Long> ends = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (Admin admin = Admin.create(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(Topic.eventTopics().stream().map(Topic::topicName).toList()).allTopicNames()
                    .get(5, TimeUnit.SECONDS).forEach((name, description) -> description.partitions()
                            .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
            Map<TopicPartition, OffsetSpec> latestSpec = new HashMap<>();
            partitions.forEach(p -> latestSpec.put(p, OffsetSpec.latest()));
            admin.listOffsets(latestSpec).all().get(5, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            committed = admin.listConsumerGroupOffsets(properties.kafka().groupId()).partitionsToOffsetAndMetadata()
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not answer: " + e.getClass().getSimpleName());
        }
        Map<TopicPartition, Long> held = new HashMap<>();
        // what the projections hold; while MongoDB is away, what this consumer holds and the group's commits
        try {
            held.putAll(projections.live().offsets().load());
        } catch (RuntimeException mongoAway) {
            committed.forEach((partition, offset) -> held.put(partition, offset.offset()));
            held.putAll(consumer.positions());
        }
        Map<TopicPartition, Double> ages = ages(ends, held);
        List<Partition> partitions = new ArrayList<>();
        long lagRecords = 0;
        double oldest = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            TopicPartition partition = end.getKey();
            Long hold = held.get(partition);
            long behind = Math.max(0, end.getValue() - (hold == null ? 0 : hold));
            double seconds = behind == 0 ? 0 : ages.getOrDefault(partition, 0.0);
            OffsetAndMetadata group = committed.get(partition);
            partitions.add(new Partition(partition.topic(), partition.partition(), end.getValue(), hold,
                    group == null ? null : group.offset(), behind, seconds));
            lagRecords += behind;
            oldest = Math.max(oldest, seconds);
            lagSeconds.computeIfAbsent(partition, p -> {
                double[] holder = new double[1];
                Gauge.builder("heard.reporting.consumer.lag.seconds", holder, h -> h[0])
                        .description("Age of the oldest record of the partition not yet in the projections (0 when"
                                + " caught up)").tags("topic", p.topic(), "partition", Integer.toString(p.partition()))
                        .baseUnit("seconds").register(meters);
                return holder;
            })[0] = seconds;
        }
        partitions.sort(Comparator.comparing(Partition::topic).thenComparingInt(Partition::partition));
        int parked = 0;
        Map<String, Integer> byReason = new java.util.TreeMap<>();
        try {
            for (DeadLetterArchive.Parked record : deadLetters.list()) {
                if (record.status() == DeadLetterArchive.Status.PARKED) {
                    parked++;
                    byReason.merge(record.reason() == null ? "unknown" : record.reason(), 1, Integer::sum);
                }
            }
        } catch (RuntimeException e) {
            log.debug("Dead letters not counted ({})", e.getClass().getSimpleName());
        }
        Status status = new Status(clock.instant(), properties.kafka().groupId(), projections.live().generation(),
                partitions, lagRecords, oldest, consumer.stalled(lagRecords), consumer.failing(), parked, byReason,
                rebuild.status());
        latest.set(status);
        return status;
    }

    /** For partitions behind: how old the first record not yet in the projections is, from its Kafka timestamp. */
    private Map<TopicPartition, Double> ages(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> held) {
        List<TopicPartition> behind = ends.keySet().stream()
                .filter(p -> ends.get(p) > held.getOrDefault(p, 0L)).toList();
        Map<TopicPartition, Double> ages = new HashMap<>();
        if (behind.isEmpty()) {
            return ages;
        }
        Map<String, Object> config = new HashMap<>(properties.kafka().client());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.kafka().groupId() + "-status");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> probe = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            probe.assign(behind);
            behind.forEach(p -> probe.seek(p, held.getOrDefault(p, 0L)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            long now = clock.millis();
            while (ages.size() < behind.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : probe.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (!ages.containsKey(partition)) {
                        ages.put(partition, Math.max(0, now - record.timestamp()) / 1000.0);
                        probe.pause(List.of(partition));
                    }
                }
            }
        }
        return ages;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
