package org.heard.cases.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.heard.cases.CaseServiceTestBase;
import org.heard.kit.testing.OpenApiLint;
import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

/** case-service's OpenAPI document, fetched over HTTP as a client generator would, is lint-clean and true. */
class ApiDocumentComponentTest extends CaseServiceTestBase {

    @Test
    void theDocumentLintsCleanAndSaysWhatTheServiceDoes() throws Exception {
        var response = get("/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);

        OpenApiLint.Result lint = OpenApiLint.lint("case-service", response.body());

        assertThat(lint.problems()).isEmpty();
        OpenAPI doc = lint.document();
        Schema<?> person = doc.getComponents().getSchemas().get("PersonRequest");
        assertThat(person).as("schema PersonRequest").isNotNull();
        assertThat(type(person.getProperties().get("nhsNumber"))).isEqualTo("string");
        assertThat(doc.getPaths().get("/api/persons").getPost().getResponses()).containsKey("201").doesNotContainKey("200");
        assertThat(doc.getPaths().get("/api/cases/{caseId}/close").getPost().getResponses())
                .containsKey("204").doesNotContainKey("200");
        assertThat(doc.getPaths().get("/api/cases/{caseId}/close").getPost().getResponses().get("204").getContent())
                .isNull();
    }

    private static String type(Schema<?> schema) {
        return schema.getType() != null ? schema.getType()
                : schema.getTypes() == null ? null : schema.getTypes().iterator().next();
    }
}
