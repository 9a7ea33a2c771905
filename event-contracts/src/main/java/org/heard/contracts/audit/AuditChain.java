package org.heard.contracts.audit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.heard.contracts.Topic;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;

/**
 * The hash chain of one producer's audit records on {@code heard.audit.v1}. Each record is a CloudEvent (binary mode,
 * type {@value #TYPE}) whose data is the audit entry as JSON; its extensions carry the chain: the producer (one
 * running instance of a service, also the record key, so that its records keep their order on one partition), the
 * record's sequence number in that producer's chain (from 1), the previous record's hash and its own:
 * {@code hash = SHA-256(previous hash || "\n" || producer || "\n" || sequence || "\n" || data)} in lowercase hex.
 * A record changed, removed, reordered or inserted breaks the chain at that point; {@link AuditVerifier} checks it.
 * Not thread-safe by itself: the caller appends one record at a time, in the order it sends them.
 */
public final class AuditChain {

    /** CloudEvents type of an audit record. */
    public static final String TYPE = "org.heard.audit.AuditRecorded.v1";
    /** The previous hash of a chain's first record. */
    public static final String GENESIS = "0".repeat(64);
    public static final String EXT_PRODUCER = "auditproducer";
    public static final String EXT_SEQUENCE = "auditsequence";
    public static final String EXT_PREVIOUS = "auditprevious";
    public static final String EXT_HASH = "audithash";

    private final String producer;
    private final URI source;
    private long sequence;
    private String previous = GENESIS;

    /**
     * @param service the service writing (e.g. {@code case-service}); the producer id is the service and a random
     *                instance id, so that two instances never share a chain
     */
    public AuditChain(String service) {
        this.producer = service + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.source = URI.create("/heard/" + service);
    }

    public String producer() {
        return producer;
    }

    /** The next record of the chain, holding {@code data} (the entry's JSON) as its CloudEvent data. */
    public ProducerRecord<String, byte[]> next(byte[] data, OffsetDateTime time, String subject) {
        sequence++;
        String hash = hash(previous, producer, sequence, data);
        CloudEvent event = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(source)
                .withType(TYPE)
                .withSubject(subject)
                .withTime(time.withOffsetSameInstant(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withExtension(EXT_PRODUCER, producer)
                .withExtension(EXT_SEQUENCE, Long.toString(sequence))
                .withExtension(EXT_PREVIOUS, previous)
                .withExtension(EXT_HASH, hash)
                .withData(data)
                .build();
        previous = hash;
        return KafkaMessageFactory.<String>createWriter(Topic.AUDIT.topicName(), producer).writeBinary(event);
    }

    /** The sequence number of the last record made. */
    public long sequence() {
        return sequence;
    }

    public static String hash(String previous, String producer, long sequence, byte[] data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((previous + "\n" + producer + "\n" + sequence + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(data);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
