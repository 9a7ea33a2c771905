package org.heard.reporting.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.heard.contracts.Topic;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The consumer group of the projections, on every event topic. Each poll is one batch: records that cannot be read
 * are parked on the dead-letter topic, the rest are applied to MongoDB in one write, and only then are the offsets
 * committed. If the write fails, the consumer goes back to the batch's first offsets and tries again; the sequence
 * guard makes the repeat harmless.
 */
public class ProjectionConsumer implements SmartLifecycle, Runnable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConsumer.class);

    private final Consumer<String, byte[]> consumer;
    private volatile ProjectionWriter writer;
    private final java.util.concurrent.locks.ReentrantLock batchLock = new java.util.concurrent.locks.ReentrantLock();
    private final io.micrometer.core.instrument.Timer delay;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Duration retryBackoff;
    private volatile boolean running;
    private Thread thread;
    private final java.util.concurrent.atomic.AtomicLong lastEventMillis = new java.util.concurrent.atomic.AtomicLong();
    private final Map<TopicPartition, java.util.concurrent.atomic.AtomicLong> lag =
            new java.util.concurrent.ConcurrentHashMap<>();
    private long lagMeasuredAt;

    public ProjectionConsumer(Consumer<String, byte[]> consumer, ProjectionWriter writer, DeadLetters deadLetters,
                              MeterRegistry meters, Duration retryBackoff) {
        this.consumer = consumer;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.retryBackoff = retryBackoff;
        meters.gauge("heard.reporting.freshness.seconds", lastEventMillis,
                last -> last.get() == 0 ? 0 : (System.currentTimeMillis() - last.get()) / 1000.0);
        this.delay = io.micrometer.core.instrument.Timer.builder("heard.reporting.projection.delay")
                .description("From an event's time (when its command was accepted) to its batch committed here")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .distributionStatisticExpiry(Duration.ofMinutes(1)).register(meters);
    }

    /**
     * Runs an action between two batches, with the live consumer held: nothing is written or committed meanwhile.
     * A rebuild uses it to catch up with the group's committed offsets and switch generations.
     */
    public <T> T betweenBatches(java.util.concurrent.Callable<T> action) throws Exception {
        batchLock.lock();
        try {
            return action.call();
        } finally {
            batchLock.unlock();
        }
    }

    /** From the next batch on, writes go to this writer (called between batches, after a rebuild). */
    public void use(ProjectionWriter next) {
        this.writer = next;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this, "projection-consumer");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void run() {
        consumer.subscribe(Topic.eventTopics().stream().map(Topic::topicName).toList());
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    process(records);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void process(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        while (running) {
            boolean done;
            batchLock.lock();
            try {
                done = applyAndCommit(records);
            } finally {
                batchLock.unlock();
            }
            if (done) {
                return;
            }
            Thread.sleep(retryBackoff.toMillis());
        }
    }

    /** @return false when the batch could not be written (it is tried again after the back-off) */
    private boolean applyAndCommit(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        try {
            List<EventEnvelope> batch = new ArrayList<>(records.count());
            for (ConsumerRecord<String, byte[]> record : records) {
                EventEnvelope envelope = read(record);
                if (envelope != null) {
                    batch.add(envelope);
                }
            }
            int applied = writer.apply(batch);
            consumer.commitSync(nextOffsets(records));
            long now = System.currentTimeMillis();
            for (EventEnvelope event : batch) {
                meters.counter("heard.reporting.events.received", "topic",
                        event.eventType().map(t -> t.topic().topicName()).orElse("unknown"), "type", event.type())
                        .increment();
                long eventMillis = event.time().toInstant().toEpochMilli();
                lastEventMillis.accumulateAndGet(eventMillis, Math::max);
                delay.record(Math.max(0, now - eventMillis), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            meters.counter("heard.reporting.events.applied").increment(applied);
            measureLag();
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (org.apache.kafka.clients.consumer.CommitFailedException
                 | org.apache.kafka.common.errors.RebalanceInProgressException e) {
            // Written but not committed: the group moved on (a rebalance, or a batch slower than max.poll.interval.ms).
            // Poll again to rejoin; the records come back from the last committed offsets and repeat harmlessly.
            meters.counter("heard.reporting.commit.failures").increment();
            log.warn("Offsets of a batch of {} records not committed ({}); rejoining the group", records.count(),
                    e.getClass().getSimpleName());
            return true;
        } catch (RuntimeException | ExecutionException e) {
            meters.counter("heard.reporting.batch.failures").increment();
            log.warn("Batch of {} records not applied ({}); retrying in {} ms", records.count(),
                    e.getClass().getSimpleName(), retryBackoff.toMillis());
            return false;
        }
    }

    /** Consumer lag per partition (end offset minus position), measured at most every five seconds. */
    private void measureLag() {
        long now = System.currentTimeMillis();
        if (now - lagMeasuredAt < 5000) {
            return;
        }
        lagMeasuredAt = now;
        java.util.Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, Duration.ofSeconds(2));
        for (TopicPartition partition : assigned) {
            java.util.concurrent.atomic.AtomicLong gauge = lag.computeIfAbsent(partition, p -> meters.gauge(
                    "heard.reporting.consumer.lag", io.micrometer.core.instrument.Tags.of("topic", p.topic(),
                            "partition", Integer.toString(p.partition())), new java.util.concurrent.atomic.AtomicLong()));
            gauge.set(Math.max(0, ends.getOrDefault(partition, 0L) - consumer.position(partition, Duration.ofSeconds(2))));
        }
    }

    /** The envelope, or null after parking a record that is not a readable Heard event. */
    private EventEnvelope read(ConsumerRecord<String, byte[]> record) throws ExecutionException, InterruptedException {
        String reason;
        try {
            EventEnvelope envelope = EnvelopeCodec.fromRecord(record);
            if (envelope.personId().isBlank()) {
                reason = "blank person id";
            } else {
                return envelope;
            }
        } catch (EnvelopeCodec.UnreadableRecordException e) {
            reason = e.getMessage();
        }
        deadLetters.park(record, reason);
        meters.counter("heard.reporting.deadlettered", "topic", record.topic()).increment();
        log.warn("Parked record {}-{}@{} on {}: {}", record.topic(), record.partition(), record.offset(),
                Topic.DEAD_LETTER.topicName(), reason);
        return null;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }
}
