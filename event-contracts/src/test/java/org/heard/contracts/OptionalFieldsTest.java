package org.heard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.envelope.EventJson;
import org.junit.jupiter.api.Test;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fields added within v1 are optional both ways: an event written before them (no {@code providerId}, no
 * {@code team}) still satisfies the schema and reads with the field null, and a reader that does not know them
 * (a v1 consumer built before) reads the new events, since readers ignore unknown properties.
 */
class OptionalFieldsTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** A v1 consumer's record from before the provider was added. */
    record ReferralReceivedBeforeProviders(String caseId, String personId, String advocacyType, String referredOn) {
    }

    @Test
    void aReferralWrittenBeforeProvidersStillValidatesAndReadsWithoutOne() {
        ObjectNode old = (ObjectNode) golden(EventCatalogue.REFERRAL_RECEIVED);
        old.remove("providerId");
        assertThat(errors(EventCatalogue.REFERRAL_RECEIVED, old)).isEmpty();
        ReferralReceived read = EventJson.fromBytes(EventCatalogue.REFERRAL_RECEIVED,
                EventJson.mapper().writeValueAsBytes(old));
        assertThat(read.providerId()).isNull();
        assertThat(read.caseId()).isEqualTo(Samples.CASE_ID);
    }

    @Test
    void anAssignmentWrittenBeforeTeamsStillValidatesAndReadsWithoutOne() {
        ObjectNode old = (ObjectNode) golden(EventCatalogue.ADVOCATE_ASSIGNED);
        old.remove("team");
        assertThat(errors(EventCatalogue.ADVOCATE_ASSIGNED, old)).isEmpty();
        AdvocateAssigned read = EventJson.fromBytes(EventCatalogue.ADVOCATE_ASSIGNED,
                EventJson.mapper().writeValueAsBytes(old));
        assertThat(read.team()).isNull();
        assertThat(read.advocateId()).isEqualTo("advocate-17");
    }

    @Test
    void aReaderThatDoesNotKnowTheProviderReadsTheNewShape() {
        ReferralReceivedBeforeProviders read = EventJson.mapper().readValue(
                EventJson.toBytes(Samples.REFERRAL_RECEIVED), ReferralReceivedBeforeProviders.class);
        assertThat(read.caseId()).isEqualTo(Samples.CASE_ID);
    }

    @Test
    void aProviderIsAPlainIdentifierNeverEmpty() {
        ObjectNode empty = (ObjectNode) golden(EventCatalogue.REFERRAL_RECEIVED);
        empty.put("providerId", "");
        assertThat(errors(EventCatalogue.REFERRAL_RECEIVED, empty)).isNotEmpty();
    }

    private static JsonNode golden(EventType<?> type) {
        return EventJson.mapper().readTree(ContractResources.read("samples/" + type.sampleFile()));
    }

    private static List<Error> errors(EventType<?> type, JsonNode json) {
        return SCHEMAS.getSchema(ContractResources.read("schemas/" + type.schemaFile())).validate(json);
    }
}
