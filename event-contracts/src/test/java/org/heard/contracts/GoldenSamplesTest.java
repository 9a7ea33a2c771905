package org.heard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.heard.contracts.envelope.EventJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pins the wire shape of every published event: the sample record must serialise to exactly the golden JSON, the
 * golden JSON must read back to the same record, and it must satisfy the type's JSON Schema. Changing a record's
 * shape without a new golden file and schema fails here.
 */
class GoldenSamplesTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    @TestFactory
    List<DynamicTest> everyEventTypeMatchesItsGoldenSampleAndSchema() {
        List<DynamicTest> tests = new ArrayList<>();
        for (EventType<?> type : EventCatalogue.all()) {
            tests.add(DynamicTest.dynamicTest(type.type(), () -> check(type)));
        }
        return tests;
    }

    private void check(EventType<?> type) {
        HeardEvent sample = Samples.of(type);
        assertThat(sample).as("a sample instance of %s in Samples", type.type()).isNotNull();
        assertThat(type.topic()).isNotEqualTo(Topic.DEAD_LETTER);

        JsonNode golden = EventJson.mapper().readTree(ContractResources.read("samples/" + type.sampleFile()));
        JsonNode written = EventJson.mapper().readTree(EventJson.toBytes(sample));
        assertThat(written).as("serialised %s against its golden sample", type.type()).isEqualTo(golden);
        assertThat(EventJson.fromBytes(type, EventJson.mapper().writeValueAsBytes(golden))).isEqualTo(sample);

        Schema schema = SCHEMAS.getSchema(ContractResources.read("schemas/" + type.schemaFile()));
        List<Error> errors = schema.validate(golden);
        assertThat(errors).as("golden sample of %s against its schema", type.type()).isEmpty();

        Set<String> schemaProperties = new TreeSet<>();
        schema.getSchemaNode().get("properties").propertyNames().forEach(schemaProperties::add);
        Set<String> recordProperties = new TreeSet<>();
        golden.propertyNames().forEach(recordProperties::add);
        assertThat(recordProperties).as("fields of %s vs its schema's properties", type.type())
                .isEqualTo(schemaProperties);

        // The schema must actually constrain: the sample without its key field, or with an extra field, is rejected.
        String keyField = type.aboutAPerson() ? "personId" : schema.getSchemaNode().get("required").get(0).asString();
        assertThat(golden.has("personId")).as("only events about a person carry personId").isEqualTo(type.aboutAPerson());
        assertThat(sample.key()).as("the record key of %s", type.type()).isEqualTo(golden.get(keyField).asString());
        ObjectNode withoutKey = ((ObjectNode) golden.deepCopy());
        withoutKey.remove(keyField);
        assertThat(schema.validate(withoutKey)).isNotEmpty();
        ObjectNode withExtra = ((ObjectNode) golden.deepCopy());
        withExtra.put("patientNameInClear", "should never be published");
        assertThat(schema.validate(withExtra)).isNotEmpty();
    }
}
