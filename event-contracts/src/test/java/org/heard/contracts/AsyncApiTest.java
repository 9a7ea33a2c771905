package org.heard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.heard.contracts.audit.AuditChain;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The AsyncAPI document describes exactly the catalogue: every topic as a channel, every event type as a message. */
class AsyncApiTest {

    private final JsonNode doc = new YAMLMapper().readTree(ContractResources.read("asyncapi.yaml"));

    @Test
    void noMappingNamesAKeyTwice() {
        // A lenient parser (this class's, SnakeYAML's) keeps the last of two equal keys; Redocly and the AsyncAPI
        // parser refuse the whole document. A merge once left a second `description` under systemicIssueKey.
        YAMLMapper strict = YAMLMapper.builder().enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        assertThat(strict.readTree(ContractResources.read("asyncapi.yaml")).get("asyncapi").asString())
                .isEqualTo("3.0.0");
    }

    @Test
    void isAsyncApi3WithOneChannelPerEventTopic() {
        assertThat(doc.get("asyncapi").asString()).isEqualTo("3.0.0");
        Map<String, String> channelByAddress = new HashMap<>();
        doc.get("channels").properties().forEach(e -> channelByAddress.put(e.getValue().get("address").asString(), e.getKey()));
        for (Topic topic : Topic.eventTopics()) {
            assertThat(channelByAddress).containsKey(topic.topicName());
        }
        assertThat(channelByAddress).containsKey(Topic.DEAD_LETTER.topicName());
        assertThat(channelByAddress.keySet()).allSatisfy(address -> Topic.byName(address));
    }

    @Test
    void everyEventTypeIsAMessageOfItsTopicsChannelWithItsSchemaAndSample() {
        Map<String, String> channelByAddress = new HashMap<>();
        doc.get("channels").properties().forEach(e -> channelByAddress.put(e.getValue().get("address").asString(), e.getKey()));
        for (EventType<?> type : EventCatalogue.all()) {
            JsonNode channel = doc.get("channels").get(channelByAddress.get(type.topic().topicName()));
            String simpleName = type.dataType().getSimpleName();
            assertThat(channel.get("messages").has(simpleName))
                    .as("%s listed in channel %s", type.type(), type.topic().topicName()).isTrue();
            assertThat(channel.get("messages").get(simpleName).get("$ref").asString())
                    .isEqualTo("#/components/messages/" + simpleName);
            JsonNode message = doc.get("components").get("messages").get(simpleName);
            assertThat(message.get("name").asString()).isEqualTo(type.type());
            String schemaRef = message.get("payload").get("schema").get("$ref").asString();
            assertThat(schemaRef).isEqualTo("./schemas/" + type.schemaFile());
            assertThat(ContractResources.read(schemaRef.substring(2))).isNotBlank();
            String sampleRef = message.get("examples").get(0).get("payload").get("$ref").asString();
            assertThat(sampleRef).isEqualTo("./samples/" + type.sampleFile());
        }
    }

    @Test
    void everyMessageInTheDocumentIsInTheCatalogueExceptTheParkedRecordAndAudit() {
        doc.get("components").get("messages").properties().stream()
                .filter(e -> !e.getKey().equals("DeadLetter"))
                .filter(e -> !e.getValue().get("name").asString().equals(AuditChain.TYPE))
                .forEach(e -> assertThat(EventCatalogue.byType(e.getValue().get("name").asString()))
                        .as("message %s is a catalogue type", e.getKey()).isPresent());
        assertThat(doc.get("channels").get("audit").get("address").asString()).isEqualTo(Topic.AUDIT.topicName());
        assertThat(doc.get("components").get("messages").get("AuditRecorded").get("name").asString())
                .isEqualTo(AuditChain.TYPE);
    }

    /** The record key each message documents is the one the publisher really uses (HeardEvent.key()). */
    @Test
    void everyMessageDocumentsTheKeyItsEventsAreReallyPublishedWith() {
        for (EventType<?> type : EventCatalogue.all()) {
            JsonNode message = doc.get("components").get("messages").get(type.dataType().getSimpleName());
            List<String> traits = new java.util.ArrayList<>();
            message.get("traits").forEach(t -> traits.add(t.get("$ref").asString()));
            String expected = !type.aboutAPerson() && type.type().contains(".Framework")
                    || type.type().contains(".CoDesignReview") ? "frameworkKey"
                    : type.aboutAPerson() ? "personKey" : "systemicIssueKey";
            assertThat(traits).as(type.type()).containsExactly("#/components/messageTraits/cloudEvent",
                    "#/components/messageTraits/" + expected);
            String keyField = expected.equals("personKey") ? "personId"
                    : expected.equals("frameworkKey") ? "frameworkId" : "systemicIssueId";
            HeardEvent sample = Samples.of(type);
            JsonNode data = org.heard.contracts.envelope.EventJson.mapper()
                    .readTree(org.heard.contracts.envelope.EventJson.toBytes(sample));
            assertThat(sample.key()).as("%s is keyed by its %s", type.type(), keyField)
                    .isEqualTo(data.get(keyField).asString());
        }
    }
}
