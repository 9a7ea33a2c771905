package org.heard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.envelope.EventReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import tools.jackson.databind.node.ObjectNode;

class EventReaderTest {

    private static final EventReader READER = EventReader.forCatalogue();
    private static final String SECRET = "Delroy Fictional-Campbell";

    private static EventEnvelope envelope(String type, String key, byte[] data) {
        return new EventEnvelope("e-1", URI.create("/heard/case-service"), type, "AdvocacyCase/c", 
                OffsetDateTime.parse("2026-03-02T10:15:30Z"), key, Samples.CASE_ID, 3, null, data);
    }

    private static ConsumerRecord<String, byte[]> record(EventEnvelope envelope) {
        ProducerRecord<String, byte[]> record = EnvelopeCodec.toRecord(Topic.CASE, envelope);
        return EnvelopeCodecTest.asConsumed(record);
    }

    private static byte[] involvementWith(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode data = (ObjectNode) EventJson.mapper().readTree(EventJson.toBytes(Samples.INVOLVEMENT_RECORDED));
        change.accept(data);
        return EventJson.mapper().writeValueAsBytes(data);
    }

    private static EventReader.Read readInvolvement(java.util.function.Consumer<ObjectNode> change) {
        return READER.read(record(envelope(EventCatalogue.INVOLVEMENT_RECORDED.type(), Samples.PERSON_ID,
                involvementWith(change))));
    }

    private static String reason(EventReader.Read read) {
        assertThat(read).isInstanceOf(EventReader.Poison.class);
        return ((EventReader.Poison) read).reason();
    }

    @TestFactory
    List<DynamicTest> everyPublishedSampleIsAcceptedAsItsRecord() {
        return EventCatalogue.all().stream().map(type -> DynamicTest.dynamicTest(type.type(), () -> {
            HeardEvent sample = Samples.of(type);
            EventReader.Read read = READER.read(record(envelope(type.type(), sample.key(), EventJson.toBytes(sample))));
            assertThat(read).isInstanceOf(EventReader.Accepted.class);
            assertThat(((EventReader.Accepted) read).event()).isEqualTo(sample);
            assertThat(((EventReader.Accepted) read).type()).isEqualTo(type);
        })).toList();
    }

    @Test
    void decimalsAreReadExactlyNotThroughADouble() {
        String json = new String(EventJson.toBytes(Samples.of(EventCatalogue.ASSESSMENT_COMPLETED)),
                StandardCharsets.UTF_8).replace("\"score\":17.5", "\"score\":17.123456789012345678901");
        EventReader.Read read = READER.read(record(envelope(EventCatalogue.ASSESSMENT_COMPLETED.type(),
                Samples.PERSON_ID, json.getBytes(StandardCharsets.UTF_8))));

        assertThat(((org.heard.contracts.outcomes.AssessmentCompleted) ((EventReader.Accepted) read).event()).score())
                .isEqualByComparingTo("17.123456789012345678901");
    }

    @Test
    void aTypeItDoesNotKnowIsUnknownNotPoison() {
        EventReader.Read read = READER.read(record(envelope("org.heard.case.SomethingNew.v1", Samples.PERSON_ID,
                "{\"personId\":\"x\"}".getBytes(StandardCharsets.UTF_8))));

        assertThat(read).isInstanceOf(EventReader.Unknown.class);
    }

    @Nested
    class Poison {

        @Test
        void aRecordThatIsNoCloudEventNamesWhatIsMissing() {
            ConsumerRecord<String, byte[]> raw = EnvelopeCodecTest.asConsumed(new ProducerRecord<>("heard.case.v1",
                    Samples.PERSON_ID, ("{\"name\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8)));

            assertThat(reason(READER.read(raw))).contains("CloudEvent").doesNotContain(SECRET);
        }

        @Test
        void dataThatIsNotJson() {
            assertThat(reason(READER.read(record(envelope(EventCatalogue.INVOLVEMENT_RECORDED.type(),
                    Samples.PERSON_ID, (SECRET + " {").getBytes(StandardCharsets.UTF_8))))))
                    .contains("not JSON").doesNotContain(SECRET);
        }

        @Test
        void aMissingRequiredFieldIsNamedFromTheSchema() {
            assertThat(reason(readInvolvement(data -> data.remove("heldOn"))))
                    .contains("breaks its schema").contains("required").contains("heldOn");
        }

        @Test
        void aValueOutsideTheSchemaNamesTheRuleNotTheValue() {
            assertThat(reason(readInvolvement(data -> data.put("participation", SECRET))))
                    .contains("participation").contains("enum").doesNotContain(SECRET);
            assertThat(reason(readInvolvement(data -> data.put("advocateMinutes", 99_999))))
                    .contains("advocateMinutes").contains("maximum").doesNotContain("99999");
        }

        @Test
        void anExtraFieldIsRefusedWithoutRepeatingItsName() {
            assertThat(reason(readInvolvement(data -> data.put(SECRET, 1))))
                    .contains("additionalProperties").doesNotContain(SECRET);
        }

        @Test
        void aRecordKeyedByAnotherPersonThanTheEventIsAbout() {
            assertThat(reason(READER.read(record(envelope(EventCatalogue.INVOLVEMENT_RECORDED.type(),
                    "11111111-2222-4333-8444-555555555555", EventJson.toBytes(Samples.INVOLVEMENT_RECORDED))))))
                    .contains("record key");
        }
    }
}
