package org.heard.contracts.envelope;

import java.time.OffsetDateTime;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.heard.contracts.Topic;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;

/**
 * Puts envelopes on Kafka and reads them back, with the CloudEvents Kafka protocol binding in binary mode: attributes
 * become {@code ce_*} headers (with {@code ce_dataschema}, the {@code $id} of the type's shipped JSON Schema), the
 * JSON data is the record value and the person's id (or, for a personless event, the framework or systemic issue id)
 * is the record key. Tools such as kcat show the event as readable JSON.
 */
public final class EnvelopeCodec {

    private EnvelopeCodec() {
    }

    public static CloudEvent toCloudEvent(EventEnvelope envelope) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(envelope.id())
                .withSource(envelope.source())
                .withType(envelope.type())
                .withSubject(envelope.subject())
                .withTime(envelope.time())
                .withDataContentType(EventEnvelope.DATA_CONTENT_TYPE)
                .withExtension(EventEnvelope.EXT_AGGREGATE_ID, envelope.aggregateId())
                .withExtension(EventEnvelope.EXT_SEQUENCE, envelope.sequence())
                .withData(envelope.data());
        // dataschema names the shipped JSON Schema ($id) of the type; a type unknown here is re-sent without one
        envelope.eventType().ifPresent(type -> builder.withDataSchema(type.dataSchema()));
        if (envelope.correlationId() != null) {
            builder.withExtension(EventEnvelope.EXT_CORRELATION_ID, envelope.correlationId());
        }
        return builder.build();
    }

    public static ProducerRecord<String, byte[]> toRecord(Topic topic, EventEnvelope envelope) {
        return KafkaMessageFactory.<String>createWriter(topic.topicName(), envelope.personId())
                .writeBinary(toCloudEvent(envelope));
    }

    /**
     * Reads a record written by {@link #toRecord}.
     *
     * @throws UnreadableRecordException naming what is missing or malformed (never the record's content)
     */
    public static EventEnvelope fromRecord(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            throw new UnreadableRecordException("record has no key (person id)");
        }
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new UnreadableRecordException("not a CloudEvent in binary mode: " + e.getClass().getSimpleName());
        }
        CloudEventData data = event.getData();
        if (data == null) {
            throw new UnreadableRecordException("CloudEvent " + event.getId() + " has no data");
        }
        OffsetDateTime time = event.getTime();
        if (time == null) {
            throw new UnreadableRecordException("CloudEvent " + event.getId() + " has no time");
        }
        Object aggregateId = event.getExtension(EventEnvelope.EXT_AGGREGATE_ID);
        Object sequence = event.getExtension(EventEnvelope.EXT_SEQUENCE);
        if (aggregateId == null || sequence == null) {
            throw new UnreadableRecordException("CloudEvent " + event.getId() + " lacks the "
                    + EventEnvelope.EXT_AGGREGATE_ID + " or " + EventEnvelope.EXT_SEQUENCE + " extension");
        }
        long seq;
        try {
            seq = Long.parseLong(sequence.toString());
        } catch (NumberFormatException e) {
            throw new UnreadableRecordException("CloudEvent " + event.getId() + " has a non-numeric "
                    + EventEnvelope.EXT_SEQUENCE);
        }
        Object correlationId = event.getExtension(EventEnvelope.EXT_CORRELATION_ID);
        return new EventEnvelope(event.getId(), event.getSource(), event.getType(), event.getSubject(), time,
                record.key(), aggregateId.toString(), seq, correlationId == null ? null : correlationId.toString(),
                data.toBytes());
    }

    /** A record that is not a readable Heard envelope. Its message never contains the record's data. */
    public static final class UnreadableRecordException extends RuntimeException {
        public UnreadableRecordException(String message) {
            super(message);
        }
    }
}
