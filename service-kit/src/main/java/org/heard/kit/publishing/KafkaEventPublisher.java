package org.heard.kit.publishing;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
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
 * Publishes every stored event of the catalogue to its Kafka topic, from an Axon streaming event processor whose
 * token lives in the same PostgreSQL as the events: the event store is the outbox. An event is handed to Kafka and
 * the handler waits for the broker's acknowledgement (idempotent producer, acks=all) before it returns, so the token
 * only moves past events Kafka holds. While Kafka is unreachable the handler retries with backoff and the processor
 * stays on that event; commands are still accepted. Delivery is at least once: after a crash between the
 * acknowledgement and the token update an event is sent again, which consumers absorb by (aggregateid, sequence).
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher implements AutoCloseable {

    /** The Axon processing group (and token owner) of the publisher. */
    public static final String PROCESSING_GROUP = "kafka-publisher";

    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

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
    }

    static Map<String, Object> producerConfig(PublishingProperties properties) {
        Map<String, Object> config = KafkaConnection.producerConfig(properties.bootstrapServers(), properties.client(),
                "heard-publisher" + properties.source().replace('/', '-'));
        config.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return config;
    }

    /**
     * Handles every event the processor reads. Events that are not published types are skipped; for the rest this
     * returns only once Kafka has acknowledged the record.
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
        sendUntilAcknowledged(type, EnvelopeCodec.toRecord(type.topic(), envelope));
    }

    private void sendUntilAcknowledged(EventType<?> type, ProducerRecord<String, byte[]> record)
            throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        int attempt = 1;
        while (true) {
            if (closed) {
                throw new IllegalStateException("publisher closed before Kafka acknowledged a " + type.type());
            }
            try {
                producer.send(record).get();
                meters.counter("heard.publisher.published", "topic", type.topic().topicName(), "type", type.type())
                        .increment();
                if (attempt > 1) {
                    log.info("Kafka acknowledged {} after {} attempts", type.type(), attempt);
                }
                return;
            } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                meters.counter("heard.publisher.send.failures", "topic", type.topic().topicName()).increment();
                // Only the type and the error class: the record may carry personal data.
                log.warn("Kafka did not acknowledge {} (attempt {}: {}); retrying in {} ms", type.type(), attempt,
                        cause.getClass().getSimpleName(), backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(retryBackoffMax) > 0 ? retryBackoffMax : backoff.multipliedBy(2);
                attempt++;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        producer.close(Duration.ofSeconds(5));
    }
}
