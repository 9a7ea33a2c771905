package org.heard.reporting.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.heard.contracts.Topic;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.kit.web.RuleViolation;
import org.heard.reporting.ReportingProperties;
import org.heard.reporting.ingest.ProjectionConsumer;
import org.heard.reporting.ingest.ProjectionWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Rebuilds every projection from offset zero into the next generation while the live one keeps serving and taking
 * events, then switches. Its own consumer (no group) reads every partition of the event topics up to the end offsets
 * seen at the start; then, with the live consumer held between two batches, it reads on to the group's committed
 * offsets, switches the live generation and hands the live consumer the new writer, which carries on from its own
 * committed offsets (events read twice are no-ops: the sequence guard). Progress (share of records, rate) is logged
 * and served by the operations endpoint and as metrics.
 *
 * <p>One reporting-service instance per consumer group while rebuilding: other instances would keep writing to the
 * old generation.
 */
public class Rebuild {

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);

    /** Where a rebuild stands. */
    public enum State { NEVER_RUN, RUNNING, SWITCHED, FAILED }

    /**
     * @param records       records read so far from offset zero
     * @param totalRecords  records to read (end offsets at the start; the catch-up may add a few)
     * @param percent       records as a share of totalRecords
     * @param recordsPerSecond the mean rate since the start
     */
    public record Status(State state, int liveGeneration, Integer generation, long records, long totalRecords,
                         double percent, double recordsPerSecond, Instant startedAt, Instant finishedAt,
                         String failure) {
    }

    private final ReportingProperties properties;
    private final LiveProjections projections;
    private final ProjectionConsumer live;
    private final Clock clock;
    private final AtomicReference<Status> status;
    private volatile long records;
    private volatile long total;

    public Rebuild(ReportingProperties properties, LiveProjections projections, ProjectionConsumer live,
                   MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.projections = projections;
        this.live = live;
        this.clock = clock;
        this.status = new AtomicReference<>(new Status(State.NEVER_RUN, projections.live().generation(), null, 0, 0,
                0, 0, null, null, null));
        meters.gauge("heard.reporting.rebuild.progress", this, r -> r.status().percent() / 100.0);
        meters.gauge("heard.reporting.rebuild.records", this, r -> r.status().records());
        meters.gauge("heard.reporting.rebuild.rate", this, r -> r.status().recordsPerSecond());
    }

    public Status status() {
        Status s = status.get();
        if (s.state() != State.RUNNING) {
            return s;
        }
        return progress(s, clock.instant());
    }

    /** Starts a rebuild in the background; 409 while one is running. */
    public synchronized Status start() {
        if (status.get().state() == State.RUNNING) {
            throw new RuleViolation("rebuild-running", "A rebuild is already running");
        }
        Projections next = projections.prepareNext();
        records = 0;
        total = 0;
        status.set(new Status(State.RUNNING, projections.live().generation(), next.generation(), 0, 0, 0, 0,
                clock.instant(), null, null));
        Thread thread = new Thread(() -> run(next), "projection-rebuild");
        thread.setDaemon(true);
        thread.start();
        return status();
    }

    private void run(Projections next) {
        ProjectionWriter writer = new ProjectionWriter(next, null, clock);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : Topic.eventTopics()) {
                for (PartitionInfo info : consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(info.topic(), info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            total = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
            log.info("Rebuild into generation {} (database {}): {} records on {} partitions", next.generation(),
                    next.database().getName(), total, partitions.size());
            readUpTo(consumer, writer, end);
            live.betweenBatches(() -> {
                Map<TopicPartition, Long> committed = committedOffsets(partitions);
                total += partitions.stream().mapToLong(p -> Math.max(0, committed.getOrDefault(p, 0L)
                        - end.get(p))).sum();
                readUpTo(consumer, writer, committed);
                projections.switchTo(next);
                live.use(new ProjectionWriter(next, projections.index(), clock));
                return null;
            });
            Status done = progress(status.get(), clock.instant());
            status.set(new Status(State.SWITCHED, next.generation(), next.generation(), done.records(),
                    done.totalRecords(), 100, done.recordsPerSecond(), done.startedAt(), clock.instant(), null));
            log.info("Rebuild into generation {} done: {} records in {} s ({} records/s); now live", next.generation(),
                    records, Duration.between(done.startedAt(), clock.instant()).toSeconds(),
                    Math.round(done.recordsPerSecond()));
        } catch (Exception e) {
            Status failed = status.get();
            status.set(new Status(State.FAILED, projections.live().generation(), next.generation(), records, total,
                    failed.percent(), failed.recordsPerSecond(), failed.startedAt(), clock.instant(),
                    e.getClass().getSimpleName()));
            log.error("Rebuild into generation {} failed ({}); generation {} stays live", next.generation(),
                    e.getClass().getSimpleName(), projections.live().generation());
        }
    }

    /** Reads and applies, in batches, until every partition's position has reached its target offset. */
    private void readUpTo(KafkaConsumer<String, byte[]> consumer, ProjectionWriter writer,
                          Map<TopicPartition, Long> targets) {
        int batchSize = properties.rebuild().batchSize();
        long logEveryMillis = properties.rebuild().logEvery().toMillis();
        long lastLog = System.currentTimeMillis();
        List<EventEnvelope> batch = new ArrayList<>(batchSize);
        while (true) {
            boolean reached = targets.entrySet().stream()
                    .allMatch(t -> consumer.position(t.getKey()) >= t.getValue());
            if (reached || batch.size() >= batchSize) {
                writer.apply(batch);
                records += batch.size();
                batch.clear();
                long now = System.currentTimeMillis();
                if (now - lastLog >= logEveryMillis || reached) {
                    lastLog = now;
                    Status s = status();
                    log.info("Rebuild into generation {}: {}% ({} of {} records), {} records/s", s.generation(),
                            String.format("%.1f", s.percent()), s.records(), s.totalRecords(),
                            Math.round(s.recordsPerSecond()));
                }
                if (reached) {
                    return;
                }
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                try {
                    batch.add(EnvelopeCodec.fromRecord(record));
                } catch (EnvelopeCodec.UnreadableRecordException e) {
                    records++; // parked on the dead-letter topic when it was first read; skipped here
                }
            }
        }
    }

    private Map<TopicPartition, Long> committedOffsets(List<TopicPartition> partitions) throws Exception {
        Map<String, Object> config = new HashMap<>(properties.kafka().client());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin
                    .listConsumerGroupOffsets(properties.kafka().groupId()).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = offsets.get(partition);
                committed.put(partition, offset == null ? 0L : offset.offset());
            }
            return committed;
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(properties.kafka().client());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.rebuild().maxPollRecords());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.kafka().groupId() + "-rebuild");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    private Status progress(Status s, Instant now) {
        long read = records;
        long all = Math.max(total, read);
        double seconds = Math.max(0.001, Duration.between(s.startedAt(), now).toMillis() / 1000.0);
        return new Status(s.state(), s.liveGeneration(), s.generation(), read, all,
                all == 0 ? 0 : Math.floor(1000.0 * read / all) / 10.0, read / seconds, s.startedAt(), s.finishedAt(),
                s.failure());
    }
}
