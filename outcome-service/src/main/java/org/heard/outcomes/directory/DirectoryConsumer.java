package org.heard.outcomes.directory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.heard.contracts.HeardEvent;
import org.heard.contracts.Topic;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.kit.security.KafkaConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Reads {@code heard.case.v1} in a consumer group of its own and writes what it says about people and cases into the
 * {@link CaseDirectory}: one transaction per polled batch, and only then the batch's offsets are committed, so a
 * crash replays a batch (harmless: the writes are idempotent) but never skips one. A record that cannot be read, is
 * of a type this reader does not know, or lacks a field the directory keeps is skipped and counted
 * ({@code heard_directory_records_skipped_total{reason}}); it never stops the records after it. A batch whose write
 * fails (the database is unavailable) is read again after a pause, from its first record.
 */
public class DirectoryConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DirectoryConsumer.class);

    private final KafkaConnection kafka;
    private final DirectoryProperties properties;
    private final CaseDirectory directory;
    private final MeterRegistry meters;
    private volatile CountDownLatch stopping;
    private volatile CountDownLatch stopped;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    public DirectoryConsumer(KafkaConnection kafka, DirectoryProperties properties, CaseDirectory directory,
                             MeterRegistry meters) {
        this.kafka = kafka;
        this.properties = properties;
        this.directory = directory;
        this.meters = meters;
        // Series exist before they first fire, so that alerts on them have something to look at.
        batchFailures();
        applied();
        for (String reason : SKIP_REASONS) {
            skipped(reason);
        }
    }

    private static final List<String> SKIP_REASONS =
            List.of("unreadable-envelope", "unknown-type", "unreadable-data", "invalid-field");

    private io.micrometer.core.instrument.Counter batchFailures() {
        return io.micrometer.core.instrument.Counter.builder("heard.directory.batch.failures")
                .description("Directory batches whose write failed and were read again").register(meters);
    }

    private io.micrometer.core.instrument.Counter applied() {
        return io.micrometer.core.instrument.Counter.builder("heard.directory.records.applied")
                .description("Records of heard.case.v1 read into the directory (written, offsets committed)")
                .register(meters);
    }

    private io.micrometer.core.instrument.Counter skipped(String reason) {
        return io.micrometer.core.instrument.Counter.builder("heard.directory.records.skipped")
                .description("Records of heard.case.v1 the directory skipped, by reason").tags("reason", reason)
                .register(meters);
    }

    /** What a record says, or why it says nothing the directory can keep. */
    record Reading(List<DirectoryChange> changes, String skipped) {
    }

    /** Reads one record; never throws. */
    static Reading read(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope;
        try {
            envelope = EnvelopeCodec.fromRecord(record);
        } catch (EnvelopeCodec.UnreadableRecordException e) {
            return new Reading(List.of(), "unreadable-envelope");
        }
        if (envelope.eventType().isEmpty()) {
            return new Reading(List.of(), "unknown-type");
        }
        HeardEvent event;
        try {
            event = envelope.event();
        } catch (RuntimeException e) {
            return new Reading(List.of(), "unreadable-data");
        }
        try {
            return new Reading(DirectoryChange.of(event, envelope.sequence()).map(List::of).orElse(List.of()), null);
        } catch (DirectoryChange.InvalidEvent e) {
            return new Reading(List.of(), "invalid-field");
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topic.CASE.topicName()));
            while (running) {
                try {
                    pollAndWrite();
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                } catch (RuntimeException e) {
                    batchFailures().increment();
                    log.warn("The directory consumer failed ({}); polling again in {} ms", e.getClass().getName(),
                            properties.retryBackoff().toMillis());
                    pause(properties.retryBackoff());
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void pollAndWrite() {
        ConsumerRecords<String, byte[]> records = consumer.poll(properties.pollTimeout());
        if (records.isEmpty()) {
            return;
        }
        List<DirectoryChange> changes = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            first.putIfAbsent(partition, record.offset());
            next.put(partition, new OffsetAndMetadata(record.offset() + 1));
            Reading reading = read(record);
            if (reading.skipped() != null) {
                skipped(reading.skipped()).increment();
                log.warn("Skipped a record of {} at partition {} offset {}: {}", record.topic(), record.partition(),
                        record.offset(), reading.skipped());
            }
            changes.addAll(reading.changes());
        }
        try {
            directory.apply(changes);
        } catch (RuntimeException e) { // the database or its transaction: nothing of the batch is written
            batchFailures().increment();
            log.warn("A batch of {} records was not written to the directory ({}); reading it again in {} ms",
                    records.count(), e.getClass().getSimpleName(), properties.retryBackoff().toMillis());
            first.forEach(consumer::seek);
            pause(properties.retryBackoff());
            return;
        }
        applied().increment(records.count());
        try {
            consumer.commitSync(next);
        } catch (CommitFailedException e) {
            // the group rebalanced: whoever reads these records again changes nothing
            log.info("Offsets of a written batch not committed (rebalance); it will be read again");
        }
    }

    private void pause(Duration backoff) {
        try {
            stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        Map<String, Object> config = new HashMap<>(kafka.client());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "heard-outcome-directory");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        stopping = new CountDownLatch(1);
        stopped = new CountDownLatch(1);
        running = true;
        thread = new Thread(this::run, "heard-outcome-directory");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopping.countDown();
        consumer.wakeup();
        try {
            if (!stopped.await(10, TimeUnit.SECONDS)) {
                log.warn("The directory consumer did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
