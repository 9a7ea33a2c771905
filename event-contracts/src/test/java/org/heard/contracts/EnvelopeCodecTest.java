package org.heard.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    private final EventEnvelope envelope = EventEnvelope.wrap(Samples.REFERRAL_RECEIVED,
            "5d0a8f8e-1c3b-4a3e-9b1e-1f2e3d4c5b6a", URI.create("/heard/case-service"), "AdvocacyCase",
            Samples.CASE_ID, 0, OffsetDateTime.parse("2026-03-02T10:15:30Z"), "corr-1");

    @Test
    void writesBinaryModeCloudEventWithPersonKeyAndReadableJsonValue() {
        ProducerRecord<String, byte[]> record = EnvelopeCodec.toRecord(Topic.CASE, envelope);

        assertThat(record.topic()).isEqualTo("heard.case.v1");
        assertThat(record.key()).isEqualTo(Samples.PERSON_ID);
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", envelope.id())
                .containsEntry("ce_type", "org.heard.case.ReferralReceived.v1")
                .containsEntry("ce_source", "/heard/case-service")
                .containsEntry("ce_subject", "AdvocacyCase/" + Samples.CASE_ID)
                .containsEntry("ce_aggregateid", Samples.CASE_ID)
                .containsEntry("ce_aggregatesequence", "0")
                .containsEntry("ce_correlationid", "corr-1")
                .containsEntry("content-type", "application/json")
                .containsKey("ce_time");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"advocacyType\":\"IMHA\"");
    }

    @Test
    void readsBackWhatItWrote() {
        EventEnvelope read = EnvelopeCodec.fromRecord(asConsumed(EnvelopeCodec.toRecord(Topic.CASE, envelope)));

        assertThat(read.id()).isEqualTo(envelope.id());
        assertThat(read.type()).isEqualTo(envelope.type());
        assertThat(read.personId()).isEqualTo(Samples.PERSON_ID);
        assertThat(read.aggregateId()).isEqualTo(Samples.CASE_ID);
        assertThat(read.sequence()).isZero();
        assertThat(read.correlationId()).isEqualTo("corr-1");
        assertThat(read.time().toInstant()).isEqualTo(envelope.time().toInstant());
        assertThat(read.event()).isEqualTo(Samples.REFERRAL_RECEIVED);
    }

    @Test
    void aRecordWithoutCloudEventHeadersIsUnreadableWithoutEchoingItsContent() {
        ConsumerRecord<String, byte[]> garbage = new ConsumerRecord<>("heard.case.v1", 0, 7L, Samples.PERSON_ID,
                "{\"name\":\"Jane Example\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> EnvelopeCodec.fromRecord(garbage))
                .isInstanceOf(EnvelopeCodec.UnreadableRecordException.class)
                .message().doesNotContain("Jane");
    }

    @Test
    void aRecordWithoutSequenceExtensionIsUnreadable() {
        EventEnvelope noSequence = envelope;
        ProducerRecord<String, byte[]> record = EnvelopeCodec.toRecord(Topic.CASE, noSequence);
        record.headers().remove("ce_aggregatesequence");

        assertThatThrownBy(() -> EnvelopeCodec.fromRecord(asConsumed(record)))
                .isInstanceOf(EnvelopeCodec.UnreadableRecordException.class)
                .hasMessageContaining("aggregatesequence");
    }

    static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> record) {
        return new ConsumerRecord<>(record.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME, -1, record.value().length,
                record.key(), record.value(), record.headers(), Optional.empty());
    }
}
