package org.heard.outcomes.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.heard.kit.security.Caller;
import org.heard.kit.testing.ApiFuzz;
import org.heard.kit.testing.TestKeys;
import org.heard.outcomes.OutcomeServiceTestBase;
import org.junit.jupiter.api.Test;

/** Bad input to every operation of outcome-service's OpenAPI document: never a 5xx, always problem+json. */
class OutcomeApiFuzzComponentTest extends OutcomeServiceTestBase {

    @Test
    void everyOperationOfTheOpenApiDocumentAnswersBadInputWithoutAServerError() throws Exception {
        String everyRole = TestKeys.custom(Caller.ADVOCATE, claims -> claims
                .claim("roles", List.of(Caller.ADVOCATE, Caller.SERVICE_USER, Caller.ANALYST, Caller.OPERATIONS,
                        Caller.INTEGRATION))
                .claim("person_id", UUID.randomUUID().toString()));
        ApiFuzz.Report report = ApiFuzz.run("http://localhost:" + port, List.of(everyRole));
        System.out.printf("outcome-service fuzz: %d operations, %d requests, statuses %s%n", report.operations(),
                report.requests(), report.statuses());
        assertThat(report.operations()).isGreaterThanOrEqualTo(10);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void reusingAFrameworkIdIsAConflict() throws Exception {
        String id = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestKeys.token(Caller.ADVOCATE);
        String framework = "{\"frameworkId\":\"" + id + "\",\"name\":\"Synthetic framework\","
                + "\"purpose\":\"EMPOWERMENT\",\"scoringRule\":\"SUM\"}";
        var first = post("/api/frameworks", framework, token);
        assertThat(first.statusCode()).as(first.body()).isBetween(200, 299);
        var again = post("/api/frameworks", framework, token);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
}
