package org.heard.kit.security;

import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.heard.contracts.Topic;
import org.heard.contracts.envelope.EventJson;
import org.heard.kit.web.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The audit stream on Kafka, keyed by service. */
public class KafkaAuditTrail implements AuditTrail, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaAuditTrail.class);

    private final Producer<String, byte[]> producer;
    private final String service;
    private final Clock clock;

    public KafkaAuditTrail(Producer<String, byte[]> producer, String service, Clock clock) {
        this.producer = producer;
        this.service = service;
        this.clock = clock;
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
            producer.send(record(caller, action, resource, purpose)).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new Unavailable(unavailable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while auditing");
        }
    }

    @Override
    public void failure(Caller caller, String action, String resource, String reason) {
        producer.send(record(caller, action, resource, reason), (metadata, error) -> {
            if (error != null) {
                log.warn("audit record of a {} could not be written: {}", action, error.getClass().getSimpleName());
            }
        });
    }

    private ProducerRecord<String, byte[]> record(Caller caller, String action, String resource, String purpose) {
        Entry entry = new Entry(clock.instant(), service, caller.subject(), caller.roles(), action, resource, purpose);
        return new ProducerRecord<>(Topic.AUDIT.topicName(), service, EventJson.mapper().writeValueAsBytes(entry));
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
