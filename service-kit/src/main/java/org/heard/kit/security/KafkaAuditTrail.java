package org.heard.kit.security;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.heard.contracts.audit.AuditChain;
import org.heard.contracts.envelope.EventJson;
import org.heard.kit.web.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit stream on Kafka: each entry a CloudEvent in this instance's hash chain ({@link AuditChain}), keyed by the
 * chain's producer id so that its records stay in order on one partition. A record that fails to be written leaves a
 * gap the verifier reports; the failure is logged with its producer and sequence, so that an operator can tell such a
 * gap from a removal.
 */
public class KafkaAuditTrail implements AuditTrail, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaAuditTrail.class);

    private final Producer<String, byte[]> producer;
    private final String service;
    private final Clock clock;
    private final AuditChain chain;

    public KafkaAuditTrail(Producer<String, byte[]> producer, String service, Clock clock) {
        this.producer = producer;
        this.service = service;
        this.clock = clock;
        this.chain = new AuditChain(service);
    }

    @Override
    public void personalDataRead(Caller caller, String resource, String purpose) {
        durably(caller, "PERSONAL_DATA_READ", resource, purpose,
                "the audit stream is unavailable; personal data is not served without it");
    }

    @Override
    public void operation(Caller caller, String action, String resource, String detail) {
        durably(caller, action, resource, detail, "the audit stream is unavailable; the action is not taken without it");
    }

    private void durably(Caller caller, String action, String resource, String purpose, String unavailable) {
        try {
            send(caller, action, resource, purpose).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new Unavailable(unavailable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while auditing");
        }
    }

    @Override
    public void failure(Caller caller, String action, String resource, String reason) {
        send(caller, action, resource, reason);
    }

    /** The chain's next link is made and handed to the producer in one step, so that links leave in their order. */
    private synchronized Future<RecordMetadata> send(Caller caller, String action, String resource, String purpose) {
        Entry entry = new Entry(clock.instant(), service, caller.subject(), caller.roles(), action, resource, purpose);
        long sequence = chain.sequence() + 1;
        return producer.send(chain.next(EventJson.mapper().writeValueAsBytes(entry),
                entry.time().atOffset(ZoneOffset.UTC), resource), (metadata, error) -> {
                    if (error != null) {
                        log.warn("audit record {} of chain {} ({}) could not be written: {}", sequence,
                                chain.producer(), action, error.getClass().getSimpleName());
                    }
                });
    }

    /** This instance's chain (its producer id and last sequence). */
    public AuditChain chain() {
        return chain;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
