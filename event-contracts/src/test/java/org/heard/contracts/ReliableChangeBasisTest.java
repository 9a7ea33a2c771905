package org.heard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.outcomes.FrameworkVersionPublished;
import org.junit.jupiter.api.Test;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;

/** The optional basis for reliable change on a published framework version was added compatibly. */
class ReliableChangeBasisTest {

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(ContractResources.read("schemas/" + EventCatalogue.FRAMEWORK_VERSION_PUBLISHED.schemaFile()));

    private static JsonNode json(String text) {
        return EventJson.mapper().readTree(text);
    }

    @Test
    void anEventPublishedBeforeTheFieldExistedStillValidatesAndReadsWithNoBasis() {
        String earlier = "{\"frameworkId\":\"heard-empowerment\",\"version\":1,\"publishedOn\":\"2026-01-20\"}";

        assertThat(SCHEMA.validate(json(earlier))).isEmpty();
        FrameworkVersionPublished read = EventJson.fromBytes(EventCatalogue.FRAMEWORK_VERSION_PUBLISHED,
                earlier.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(read.reliableChange()).isNull();
        assertThat(read).isEqualTo(new FrameworkVersionPublished("heard-empowerment", 1,
                java.time.LocalDate.parse("2026-01-20")));
    }

    @Test
    void aReliabilityOfOneOrASpreadOfZeroIsRefusedBecauseNoChangeCouldThenBeUnreliable() {
        String basis = "{\"frameworkId\":\"f\",\"version\":1,\"publishedOn\":\"2026-01-20\",\"reliableChange\":"
                + "{\"standardDeviation\":%s,\"reliability\":%s,\"reliabilityCoefficient\":\"CRONBACH_ALPHA\","
                + "\"improvement\":\"INCREASE\",\"source\":\"pilot\"}}";

        assertThat(SCHEMA.validate(json(basis.formatted("4.2", "0.87")))).isEmpty();
        assertThat(SCHEMA.validate(json(basis.formatted("4.2", "1")))).isNotEmpty();
        assertThat(SCHEMA.validate(json(basis.formatted("0", "0.87")))).isNotEmpty();
        assertThat(SCHEMA.validate(json(basis.formatted("4.2", "0.87").replace("\"source\":\"pilot\"",
                "\"source\":\"pilot\",\"cohortNames\":\"x\"")))).isNotEmpty();
    }
}
