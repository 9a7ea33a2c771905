package org.heard.reporting.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.heard.contracts.Topic;
import org.heard.contracts.envelope.EventReader;
import org.heard.reporting.projection.PersonFold;
import org.heard.reporting.projection.ProjectedEvent;
import org.heard.reporting.projection.ProjectionWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The consumer group of the projections, on every event topic. Each poll is one batch, and every record of it ends in
 * exactly one place:
 * <ul>
 * <li>a record that cannot be read, breaks its schema, or cannot be applied is parked on the dead-letter topic with
 * the reason, and the rest of the batch is applied;</li>
 * <li>a record of a type this service does not know is counted and skipped;</li>
 * <li>everything else is applied to MongoDB, and then the offsets are recorded in the projections' own
 * {@code projection_offsets} (where consuming resumes) and committed to the group (for Kafka's tools).</li>
 * </ul>
 * Only what can succeed later is retried: when MongoDB (or the dead-letter topic) cannot be written, the consumer keeps
 * its place, pauses its partitions, reports itself unhealthy and tries the same batch again after a back-off.
 */
public class ProjectionConsumer implements SmartLifecycle, Runnable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConsumer.class);
    private static final long LAG_EVERY_MILLIS = 5000;

    private final Consumer<String, byte[]> consumer;
    private final EventReader reader;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Duration retryBackoff;
    private final Clock clock;
    private final ReentrantLock batchLock = new ReentrantLock();
    private final Timer delay;
    private final Counter applied;
    private final Counter batchFailures;
    private final Counter commitFailures;
    private final AtomicLong lastEventMillis = new AtomicLong();
    private final Map<TopicPartition, AtomicLong> lag = new ConcurrentHashMap<>();
    /** Per assigned partition, the next offset not yet in the projections. */
    private final Map<TopicPartition, Long> position = new ConcurrentHashMap<>();
    private volatile ProjectionWriter writer;
    private volatile boolean running;
    private volatile Failing failing;
    private volatile boolean assignmentChanged;
    private volatile boolean resumeAll;
    private volatile Instant lastProgress;
    private volatile Instant lastLoop;
    private final Duration stallAfter;
    private final Set<TopicPartition> pending = ConcurrentHashMap.newKeySet();
    private long lagMeasuredAt;
    private Thread thread;

    /** Since when writes have been failing, and with what (no content). */
    public record Failing(Instant since, String error, int attempts) {
    }

    public ProjectionConsumer(Consumer<String, byte[]> consumer, ProjectionWriter writer, EventReader reader,
                              DeadLetters deadLetters, MeterRegistry meters, Duration retryBackoff, Clock clock) {
        this(consumer, writer, reader, deadLetters, meters, retryBackoff, Duration.ofSeconds(60), clock);
    }

    /** @param stallAfter how long records may wait with nothing applied before the consumer counts as stalled */
    public ProjectionConsumer(Consumer<String, byte[]> consumer, ProjectionWriter writer, EventReader reader,
                              DeadLetters deadLetters, MeterRegistry meters, Duration retryBackoff,
                              Duration stallAfter, Clock clock) {
        this.stallAfter = stallAfter;
        this.lastProgress = clock.instant();
        this.lastLoop = clock.instant();
        this.consumer = consumer;
        this.writer = writer;
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.retryBackoff = retryBackoff;
        this.clock = clock;
        io.micrometer.core.instrument.Gauge.builder("heard.reporting.freshness.seconds", lastEventMillis,
                        last -> last.get() == 0 ? 0 : (clock.millis() - last.get()) / 1000.0)
                .description("Now minus the event time of the newest event applied (grows while idle: use the lag"
                        + " in seconds to tell stuck from quiet)").register(meters);
        this.delay = Timer.builder("heard.reporting.projection.delay")
                .description("From an event's time (when its command was accepted) to its batch written here")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .distributionStatisticExpiry(Duration.ofMinutes(1)).register(meters);
        this.applied = Counter.builder("heard.reporting.events.applied")
                .description("Events that changed a projection").register(meters);
        this.batchFailures = Counter.builder("heard.reporting.batch.failures")
                .description("Batches not written because MongoDB or the dead-letter topic failed (retried)")
                .register(meters);
        this.commitFailures = Counter.builder("heard.reporting.commit.failures")
                .description("Group offset commits that failed after a batch was written").register(meters);
        // Series exist before they first fire, so that alerts on them have something to look at.
        for (Topic topic : Topic.eventTopics()) {
            DeadLetters.counter(meters, topic.topicName());
        }
        skipped("unknown-type");
        for (org.heard.contracts.EventType<?> type : org.heard.contracts.EventCatalogue.all()) {
            received(type);
        }
    }

    /**
     * Runs an action between two batches, with the live consumer held: nothing is written meanwhile. A rebuild uses it
     * to catch up with what the live projections hold and switch generations.
     */
    public <T> T betweenBatches(Callable<T> action) throws Exception {
        batchLock.lock();
        try {
            return action.call();
        } finally {
            batchLock.unlock();
        }
    }

    /**
     * From the next batch on, writes go to this writer (called between batches, after a rebuild here or another
     * instance's); every assigned partition then resumes from the offsets the new generation holds, so that what this
     * consumer wrote to the old generation after the new one was built is applied to the new one too.
     */
    public void use(ProjectionWriter next) {
        this.writer = next;
        this.resumeAll = true;
    }

    /** The writer batches go to now. */
    public ProjectionWriter writer() {
        return writer;
    }

    /** Null while writes succeed; otherwise since when they have been failing. */
    public Failing failing() {
        return failing;
    }

    /**
     * True when the consumer is not making progress: records are waiting and no batch has been written for the stall
     * time, or its loop has not come round for that long (blocked or dead).
     *
     * @param waiting records behind, as measured by the caller
     */
    public boolean stalled(long waiting) {
        Instant now = clock.instant();
        boolean loopStuck = running && Duration.between(lastLoop, now).compareTo(stallAfter) > 0;
        boolean noProgress = waiting > 0 && Duration.between(lastProgress, now).compareTo(stallAfter) > 0;
        return loopStuck || noProgress || (!running && thread != null);
    }

    /** Per partition this consumer is assigned, the offset its projections hold. */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(position);
    }

    /** Records behind per partition at the last measurement (end offset minus the offset the projections hold). */
    public Map<TopicPartition, Long> lag() {
        Map<TopicPartition, Long> now = new HashMap<>();
        lag.forEach((partition, value) -> now.put(partition, value.get()));
        return now;
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
        consumer.subscribe(Topic.eventTopics().stream().map(Topic::topicName).toList(), new Resume());
        try {
            while (running) {
                try {
                    lastLoop = clock.instant();
                    if (lag.values().stream().allMatch(v -> v.get() == 0)) {
                        lastProgress = lastLoop; // nothing waiting is not a stall
                    }
                    resumePending();
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        process(records);
                    }
                    measureLag(false);
                } catch (WakeupException | InterruptedException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Never let the loop die: whatever this was, the next round starts again from where the
                    // projections are (stored offsets), after a back-off.
                    fail(e);
                    log.warn("Consumer loop failed ({}); carrying on in {} ms", e.getClass().getSimpleName(),
                            retryBackoff.toMillis());
                    rewind(consumer.assignment());
                    Thread.sleep(retryBackoff.toMillis());
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

    /** Applies a batch, retrying only what can succeed later; gives up the batch if the group took its partitions. */
    private void process(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        assignmentChanged = false;
        Batch batch = read(records);
        while (running) {
            batchLock.lock();
            try {
                apply(batch);
                failing = null;
                lastProgress = clock.instant();
                return;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                batchFailures.increment();
                fail(e);
                log.warn("Batch of {} records not written ({}, attempt {}); retrying in {} ms", records.count(),
                        e.getClass().getSimpleName(), failing.attempts(), retryBackoff.toMillis());
            } finally {
                batchLock.unlock();
            }
            // Stay in the group while waiting: poll with every partition paused (no records come back).
            Set<TopicPartition> assigned = consumer.assignment();
            consumer.pause(assigned);
            try {
                long until = System.nanoTime() + retryBackoff.toNanos();
                while (running && System.nanoTime() < until && !assignmentChanged) {
                    lastLoop = clock.instant();
                    consumer.poll(Duration.ofMillis(Math.max(1, Math.min(200, (until - System.nanoTime()) / 1_000_000))));
                }
                measureLag(true);
            } finally {
                Set<TopicPartition> resumable = new java.util.HashSet<>(consumer.assignment());
                resumable.removeAll(pending);
                consumer.resume(resumable);
            }
            if (assignmentChanged) {
                // Partitions moved while waiting: nothing of this batch was recorded as done. The new owner reads
                // from the stored offsets; partitions this consumer kept go back to where the projections are.
                log.info("Partitions reassigned while retrying a batch of {} records; it is read again",
                        records.count());
                rewind(records.partitions());
                return;
            }
        }
    }

    /** A poll, sorted: events to apply, records to park, and the offsets the batch brings each partition to. */
    private record Batch(List<ProjectedEvent> events, List<Parked> parked, Map<TopicPartition, Long> next,
                         Map<ProjectedEvent, ConsumerRecord<String, byte[]>> records) {
    }

    private record Parked(ConsumerRecord<String, byte[]> record, String reason) {
    }

    private Batch read(ConsumerRecords<String, byte[]> records) {
        List<ProjectedEvent> events = new ArrayList<>(records.count());
        List<Parked> parked = new ArrayList<>();
        Map<ProjectedEvent, ConsumerRecord<String, byte[]>> sources = new java.util.IdentityHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            EventReader.Read read = reader.read(record);
            if (read instanceof EventReader.Accepted accepted) {
                ProjectedEvent event = ProjectedEvent.of(accepted);
                events.add(event);
                sources.put(event, record);
            } else if (read instanceof EventReader.Poison poison) {
                parked.add(new Parked(record, poison.reason()));
            } else {
                skipped("unknown-type").increment();
            }
        }
        Map<TopicPartition, Long> next = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            next.put(partition, inPartition.get(inPartition.size() - 1).offset() + 1);
        }
        return new Batch(events, parked, next, sources);
    }

    private void apply(Batch batch) {
        ProjectionWriter target = writer;
        List<Parked> toPark = new ArrayList<>(batch.parked());
        ProjectionWriter.Result result = target.apply(batch.events());
        for (PersonFold.Failure failure : result.failures()) {
            toPark.add(new Parked(batch.records().get(failure.event()), failure.reason()));
        }
        for (Parked parked : toPark) {
            park(parked);
        }
        target.projections().offsets().save(batch.next());
        position.putAll(batch.next());
        try {
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            batch.next().forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
            consumer.commitSync(commit);
        } catch (KafkaException e) {
            // The projections hold the offsets that count; the group's are for tools, and catch up with the next batch.
            commitFailures.increment();
            log.warn("Group offsets of a written batch not committed ({})", e.getClass().getSimpleName());
        }
        long now = clock.millis();
        for (ProjectedEvent event : batch.events()) {
            received(event.type()).increment();
            long eventMillis = event.time().toEpochMilli();
            lastEventMillis.accumulateAndGet(eventMillis, Math::max);
            delay.record(Math.max(0, now - eventMillis), TimeUnit.MILLISECONDS);
        }
        applied.increment(result.applied());
    }

    private void park(Parked parked) {
        try {
            deadLetters.park(parked.record(), parked.reason());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("dead-letter topic not written: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking a record");
        }
        DeadLetters.counter(meters, parked.record().topic()).increment();
        log.warn("Parked record {}-{}@{} on {}: {}", parked.record().topic(), parked.record().partition(),
                parked.record().offset(), Topic.DEAD_LETTER.topicName(), parked.reason());
    }

    private void fail(RuntimeException e) {
        Failing before = failing;
        failing = new Failing(before == null ? clock.instant() : before.since(), e.getClass().getSimpleName(),
                before == null ? 1 : before.attempts() + 1);
    }

    /** Moves these partitions (those still assigned) back to the offset the projections hold. */
    private void rewind(Collection<TopicPartition> partitions) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition partition : partitions) {
            Long held = position.get(partition);
            if (held != null && assigned.contains(partition)) {
                consumer.seek(partition, held);
            }
        }
    }

    /**
     * Seeks newly assigned partitions to the offsets the live generation holds. Done in the poll loop rather than in
     * the rebalance callback, so that a MongoDB outage leaves them paused (and retried) instead of breaking the poll.
     */
    private void resumePending() {
        if (resumeAll) {
            resumeAll = false;
            Set<TopicPartition> assigned = consumer.assignment();
            consumer.pause(assigned);
            pending.addAll(assigned);
        }
        if (pending.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored = writer.projections().offsets().load();
        Set<TopicPartition> assigned = consumer.assignment();
        List<TopicPartition> ready = new ArrayList<>();
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition partition : pending) {
            if (!assigned.contains(partition)) {
                continue;
            }
            Long offset = stored.get(partition);
            if (offset == null) {
                fromStart.add(partition);
                position.put(partition, 0L);
            } else {
                consumer.seek(partition, offset);
                position.put(partition, offset);
            }
            ready.add(partition);
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
        pending.clear();
        consumer.resume(ready);
    }

    private Counter received(org.heard.contracts.EventType<?> type) {
        return Counter.builder("heard.reporting.events.received")
                .description("Events read from the event topics, by topic and type")
                .tags("topic", type.topic().topicName(), "type", type.type()).register(meters);
    }

    private Counter skipped(String reason) {
        return Counter.builder("heard.reporting.events.skipped")
                .description("Records neither applied nor parked (a type this service does not know)")
                .tags("reason", reason).register(meters);
    }

    /** Consumer lag per partition (end offset minus the offset the projections hold), on a timer, idle or not. */
    private void measureLag(boolean force) {
        long now = System.currentTimeMillis();
        if (!force && now - lagMeasuredAt < LAG_EVERY_MILLIS) {
            return;
        }
        lagMeasuredAt = now;
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, Duration.ofSeconds(2));
            for (TopicPartition partition : assigned) {
                AtomicLong gauge = lag.computeIfAbsent(partition, p -> {
                    AtomicLong records = new AtomicLong();
                    io.micrometer.core.instrument.Gauge.builder("heard.reporting.consumer.lag", records,
                                    AtomicLong::get)
                            .description("End offset minus the offset the projections hold, per assigned partition")
                            .tags(Tags.of("topic", p.topic(), "partition", Integer.toString(p.partition())))
                            .register(meters);
                    return records;
                });
                Long held = position.get(partition);
                gauge.set(held == null ? ends.getOrDefault(partition, 0L)
                        : Math.max(0, ends.getOrDefault(partition, 0L) - held));
            }
        } catch (KafkaException e) {
            log.debug("Lag not measured ({})", e.getClass().getSimpleName());
        }
    }

    /** On assignment, holds new partitions until they are sought to where the projections are. */
    private final class Resume implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assignmentChanged = true;
            partitions.forEach(position::remove);
            pending.removeAll(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignmentChanged = true;
            consumer.pause(partitions);
            pending.addAll(partitions);
        }
    }
}
