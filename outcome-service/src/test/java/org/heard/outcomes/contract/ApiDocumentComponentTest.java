package org.heard.outcomes.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.heard.kit.testing.OpenApiLint;
import org.heard.outcomes.OutcomeServiceTestBase;
import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.OpenAPI;

/** outcome-service's OpenAPI document, fetched over HTTP as a client generator would, is lint-clean and true. */
class ApiDocumentComponentTest extends OutcomeServiceTestBase {

    @Test
    void theDocumentLintsCleanAndSaysWhatTheServiceDoes() throws Exception {
        var response = get("/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);

        OpenApiLint.Result lint = OpenApiLint.lint("outcome-service", response.body());

        assertThat(lint.problems()).isEmpty();
        OpenAPI doc = lint.document();
        assertThat(doc.getPaths().get("/api/assessments").getPost().getResponses()).containsKey("201")
                .doesNotContainKey("200");
        // ResponseEntity.status(201).build(): created, with no body
        assertThat(doc.getPaths().get("/api/frameworks/{frameworkId}/versions").getPost().getResponses())
                .containsKey("201").doesNotContainKey("200");
        assertThat(doc.getPaths().get("/api/frameworks/{frameworkId}/versions/{version}/publication").getPost()
                .getResponses()).containsKey("204").doesNotContainKey("200");
    }
}
