package org.heard.kit.publishing;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.heard.contracts.EventCatalogue;
import org.heard.contracts.EventType;
import org.heard.contracts.HeardEvent;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.kit.security.KafkaConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * Publishes every stored event of the catalogue to its Kafka topic, from an Axon tracking event processor whose token
 * lives in the same PostgreSQL as the events: the event store is the outbox. The processor hands the handler a batch of
 * events in one unit of work; each event is given to Kafka at once (the producer batches them on the wire), and before
 * the unit of work commits — that is, before the token moves past the batch — every one of them must have been
 * acknowledged by the broker (idempotent producer, acks=all). While Kafka is unreachable the batch is sent again from
 * its first unacknowledged event, with a back-off, and the processor stays on it; commands are still accepted.
 * Delivery is at least once: after a crash between the acknowledgements and the token update, or a resend, events are
 * sent again, which consumers absorb by (aggregateid, aggregatesequence); the events of one aggregate are sent in
 * their order.
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher implements AutoCloseable {

    /** The Axon processing group (and token owner) of the publisher. */
    public static final String PROCESSING_GROUP = "kafka-publisher";

    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final String BATCH = KafkaEventPublisher.class.getName() + ".batch";

    private final Producer<String, byte[]> producer;
    private final URI source;
    private final Duration retryBackoffMax;
    private final MeterRegistry meters;
    private volatile boolean closed;

    public KafkaEventPublisher(PublishingProperties properties, MeterRegistry meters) {
        this(new KafkaProducer<>(producerConfig(properties), new StringSerializer(), new ByteArraySerializer()),
                URI.create(properties.source()), properties.retryBackoffMax(), meters);
    }

    KafkaEventPublisher(Producer<String, byte[]> producer, URI source, Duration retryBackoffMax, MeterRegistry meters) {
        this.producer = producer;
        this.source = source;
        this.retryBackoffMax = retryBackoffMax;
        this.meters = meters == null ? Metrics.globalRegistry : meters;
        for (org.heard.contracts.Topic topic : org.heard.contracts.Topic.eventTopics()) {
            failures(topic.topicName());
        }
    }

    static Map<String, Object> producerConfig(PublishingProperties properties) {
        Map<String, Object> config = KafkaConnection.producerConfig(properties.bootstrapServers(), properties.client(),
                "heard-publisher" + properties.source().replace('/', '-'));
        config.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // gzip: the one codec every common client reads without a plugin (kafkajs reads no lz4, snappy or zstd without one)
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        return config;
    }

    /**
     * Handles every event the processor reads. Events that are not published types are skipped; the rest are handed
     * to Kafka now, and the processor's unit of work commits only once Kafka has acknowledged them all.
     */
    @EventHandler
    public void on(Object payload, EventMessage<?> message) throws InterruptedException {
        if (!(payload instanceof HeardEvent event) || !(message instanceof DomainEventMessage<?> domainMessage)) {
            return;
        }
        EventType<?> type = EventCatalogue.forClass(payload.getClass()).orElse(null);
        if (type == null) {
            return;
        }
        Object correlationId = message.getMetaData().get("correlationId");
        EventEnvelope envelope = EventEnvelope.wrap(event, message.getIdentifier(), source, domainMessage.getType(),
                domainMessage.getAggregateIdentifier(), domainMessage.getSequenceNumber(),
                message.getTimestamp().atOffset(ZoneOffset.UTC), correlationId == null ? null : correlationId.toString());
        ProducerRecord<String, byte[]> record = EnvelopeCodec.toRecord(type.topic(), envelope);
        if (!CurrentUnitOfWork.isStarted()) {
            Batch alone = new Batch();
            alone.send(type, record);
            alone.awaitAcknowledged();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Batch batch = unitOfWork.getOrComputeResource(BATCH, key -> {
            Batch fresh = new Batch();
            unitOfWork.onPrepareCommit(u -> fresh.awaitAcknowledgedUninterruptibly());
            return fresh;
        });
        batch.send(type, record);
    }

    /** The records of one unit of work, in the order they were handed to Kafka, with their acknowledgements. */
    private final class Batch {

        private final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        private final List<EventType<?>> types = new ArrayList<>();
        private final List<Future<RecordMetadata>> acks = new ArrayList<>();

        void send(EventType<?> type, ProducerRecord<String, byte[]> record) {
            records.add(record);
            types.add(type);
            acks.add(sendOnce(record));
        }

        private Future<RecordMetadata> sendOnce(ProducerRecord<String, byte[]> record) {
            try {
                return producer.send(record);
            } catch (org.apache.kafka.common.KafkaException e) {
                return java.util.concurrent.CompletableFuture.failedFuture(e);
            }
        }

        void awaitAcknowledgedUninterruptibly() {
            try {
                awaitAcknowledged();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted before Kafka acknowledged a batch of " + records.size());
            }
        }

        /** Returns once every record is acknowledged; from the first that is not, sends the rest again, in order. */
        void awaitAcknowledged() throws InterruptedException {
            Duration backoff = FIRST_BACKOFF;
            int attempt = 1;
            int from = 0;
            while (from < records.size()) {
                if (closed) {
                    throw new IllegalStateException("publisher closed before Kafka acknowledged a batch");
                }
                try {
                    acks.get(from).get();
                    io.micrometer.core.instrument.Counter.builder("heard.publisher.published")
                            .description("Events acknowledged by Kafka, by topic and type")
                            .tags("topic", types.get(from).topic().topicName(), "type", types.get(from).type())
                            .register(meters).increment();
                    from++;
                    continue;
                } catch (ExecutionException e) {
                    EventType<?> type = types.get(from);
                    failures(type.topic().topicName()).increment();
                    // Only the type and the error class: the record may carry personal data.
                    log.warn("Kafka did not acknowledge {} (attempt {}: {}); sending the {} events of the batch from it"
                            + " again in {} ms", type.type(), attempt, e.getCause().getClass().getSimpleName(),
                            records.size() - from, backoff.toMillis());
                }
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(retryBackoffMax) > 0 ? retryBackoffMax : backoff.multipliedBy(2);
                attempt++;
                for (int i = from; i < records.size(); i++) {
                    acks.set(i, sendOnce(records.get(i)));
                }
            }
            if (attempt > 1) {
                log.info("Kafka acknowledged a batch of {} events after {} attempts", records.size(), attempt);
            }
        }
    }

    private io.micrometer.core.instrument.Counter failures(String topic) {
        return io.micrometer.core.instrument.Counter.builder("heard.publisher.send.failures")
                .description("Events Kafka did not acknowledge (sent again)").tags("topic", topic).register(meters);
    }

    @Override
    public void close() {
        closed = true;
        producer.close(Duration.ofSeconds(5));
    }
}
