package org.heard.cases.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.heard.cases.CaseServiceTestBase;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/** A referral names a registered person; once a person is erased nothing new is accepted about them. */
class ReferralIntegrityComponentTest extends CaseServiceTestBase {

    @Autowired
    JdbcTemplate jdbc;

    private final String advocate = "advocate-" + UUID.randomUUID();
    private final String token = TestKeys.token(Caller.ADVOCATE, advocate, null);

    private long referrals() {
        return jdbc.queryForObject("select count(*) from domain_event_entry"
                + " where payload_type = 'org.heard.contracts.cases.ReferralReceived'", Long.class);
    }

    @Test
    void aReferralForAPersonIdThatWasNeverRegisteredIsRefusedNamingTheFieldButNotItsValue() throws Exception {
        String madeUp = UUID.randomUUID().toString();
        long before = referrals();

        HttpResponse<String> response = post("/api/cases", forPerson(madeUp, """
                {"advocacyType":"IMHA","referralSource":"SELF","referredOn":"2026-01-05","reason":"my words"}"""),
                token);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("personId");
        assertThat(response.body()).doesNotContain(madeUp);
        assertThat(referrals()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from person_data_key where person_id = ?", Long.class, madeUp))
                .as("no data key is made for an id nobody registered").isZero();
    }

    @Test
    void aReferralWithoutAPersonIdIsABadRequestNamingTheField() throws Exception {
        HttpResponse<String> response = post("/api/cases", """
                {"advocacyType":"IMHA","referralSource":"SELF","referredOn":"2026-01-05"}""", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo("personId");
    }

    @Test
    void onceAPersonIsErasedNothingNewIsAcceptedAboutThem() throws Exception {
        String personId = registeredPerson();
        String caseId = json(post("/api/cases", forPerson(personId, """
                {"advocacyType":"IMHA","referralSource":"SELF","referredOn":"2026-01-05"}"""), token))
                .get("caseId").asString();
        assertThat(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"2026-01-06\"}", token).statusCode())
                .isEqualTo(204);
        assertThat(post("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + advocate + "\"}", token)
                .statusCode()).isEqualTo(204);
        String registration = jdbc.queryForObject("select event_identifier from domain_event_entry"
                + " where aggregate_identifier = ? and sequence_number = 0", String.class, personId);
        assertThat(post("/api/persons/" + personId + "/consents", """
                {"scope":"EVALUATION","givenOn":"2026-01-06"}""", token).statusCode()).isEqualTo(204);
        assertThat(post("/api/persons/" + personId + "/erasure", "{\"reason\":\"PERSON_REQUEST\"}", token)
                .statusCode()).isEqualTo(200);
        long eventsBefore = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        assertThat(jdbc.queryForObject("select count(*) from case_summary where person_id = ?", Long.class, personId))
                .as("the erased person's case_summary rows").isZero();

        Map<String, String[]> attempts = new LinkedHashMap<>();
        attempts.put("referral", new String[] {"/api/cases", forPerson(personId, """
                {"advocacyType":"CAMHS","referralSource":"SELF","referredOn":"2026-01-07"}""")});
        attempts.put("legal status", new String[] {"/api/cases/" + caseId + "/legal-status", """
                {"legalStatusCode":"03","startedOn":"2026-01-06"}"""});
        attempts.put("first contact", new String[] {"/api/cases/" + caseId + "/first-contact", """
                {"contactOn":"2026-01-07","mode":"IN_PERSON"}"""});
        attempts.put("issue", new String[] {"/api/cases/" + caseId + "/issues", """
                {"category":"LEAVE","description":"new words","raisedOn":"2026-01-07"}"""});
        attempts.put("forum", new String[] {"/api/cases/" + caseId + "/forums", """
                {"forum":"WARD_ROUND","scheduledFor":"2026-01-09"}"""});
        attempts.put("involvement", new String[] {"/api/cases/" + caseId + "/involvements", """
                {"forum":"WARD_ROUND","heldOn":"2026-01-07","participation":"NOT_INVOLVED",
                 "viewsTakenIntoAccount":"UNKNOWN","advocateMinutes":10}"""});
        attempts.put("closure", new String[] {"/api/cases/" + caseId + "/close", """
                {"reason":"OTHER","closedOn":"2026-01-08"}"""});
        attempts.put("consent", new String[] {"/api/persons/" + personId + "/consents", """
                {"scope":"CASEWORK","givenOn":"2026-01-07"}"""});
        attempts.put("consent withdrawal", new String[] {"/api/persons/" + personId + "/consents/EVALUATION/withdrawal",
                "{\"withdrawnOn\":\"2026-01-07\"}"});
        attempts.put("equality correction", new String[] {"/api/persons/" + personId + "/equality-corrections", """
                {"correctsEventId":"%s","details":{"gender":"WOMAN"}}""".formatted(registration)});
        java.util.List<String> accepted = new java.util.ArrayList<>();
        for (Map.Entry<String, String[]> attempt : attempts.entrySet()) {
            HttpResponse<String> response = post(attempt.getValue()[0], attempt.getValue()[1], token);
            if (response.statusCode() != 409 || !"person-erased".equals(json(response).path("rule").asString(""))) {
                accepted.add(attempt.getKey() + " answered " + response.statusCode());
            }
        }
        assertThat(accepted).as("not refused as person-erased").isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class)).isEqualTo(eventsBefore);
    }
}
