package org.heard.cases.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.heard.cases.CaseServiceTestBase;
import org.heard.contracts.Topic;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.heard.kit.testing.TestNhsNumbers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Providers, teams and caseloads as an attacker with a valid advocate token meets them. A case belongs to the provider
 * that received it; an advocate sees a case only when it is on their caseload (or their team's, where the provider
 * shares by team), and never another provider's. A referral of someone else's person opens a new case and nothing
 * more; an exceptional look is an explicit, reasoned, audited, time-limited request. ({@code provider-teams} shares
 * caseloads by team: see {@code CaseServiceTestBase}.)
 */
class ProviderAccessComponentTest extends CaseServiceTestBase {

    private static final AtomicInteger NHS = new AtomicInteger(600);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

    /** An advocate of a provider, in a team. */
    private record Advocate(String subject, String token) {
        static Advocate of(String provider, String team) {
            String subject = "advocate-" + UUID.randomUUID();
            return new Advocate(subject, TestKeys.token(Caller.ADVOCATE, subject, null, provider, team));
        }
    }

    /** A person with a case taken by an advocate of their provider: an issue and a legal status recorded on it. */
    private record Held(String personId, String nhsNumber, String caseId) {
    }

    private Held heldBy(Advocate holder) throws Exception {
        String nhs = TestNhsNumbers.nth(NHS.getAndIncrement());
        String personId = json(post("/api/persons", """
                {"name":"Held Synthetic","nhsNumber":"%s"}""".formatted(nhs), holder.token()))
                .get("personId").asString();
        String caseId = refer(personId, holder);
        take(caseId, holder);
        assertThat(post("/api/cases/" + caseId + "/legal-status", """
                {"legalStatusCode":"03","startedOn":"%s"}""".formatted(TODAY.minusDays(4)), holder.token())
                .statusCode()).isEqualTo(204);
        assertThat(post("/api/cases/" + caseId + "/issues", """
                {"category":"LEAVE","description":"Words of the held person","raisedOn":"%s"}"""
                .formatted(TODAY.minusDays(3)), holder.token()).statusCode()).isEqualTo(201);
        return new Held(personId, nhs, caseId);
    }

    private String refer(String personId, Advocate by) throws Exception {
        HttpResponse<String> referred = post("/api/cases", """
                {"personId":"%s","advocacyType":"IMHA","referralSource":"SELF","referredOn":"%s"}"""
                .formatted(personId, TODAY.minusDays(5)), by.token());
        assertThat(referred.statusCode()).as(referred.body()).isEqualTo(201);
        return json(referred).get("caseId").asString();
    }

    private void take(String caseId, Advocate by) throws Exception {
        assertThat(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"" + TODAY.minusDays(5) + "\"}", by.token())
                .statusCode()).isEqualTo(204);
        assertThat(post("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + by.subject() + "\"}", by.token())
                .statusCode()).isEqualTo(204);
    }

    @Nested
    class AnAdvocateOfAnotherProvider {

        private final Advocate holder = Advocate.of("provider-a", "team-1");
        private final Advocate attacker = Advocate.of("provider-b", "team-1");

        @Test
        void whoRefersAndTakesThePersonGetsTheNewCaseAndNothingEarlier() throws Exception {
            Held held = heldBy(holder);
            String found = json(get("/api/persons?nhsNumber=" + held.nhsNumber(), attacker.token()))
                    .get("personId").asString();
            String own = refer(found, attacker);
            take(own, attacker);

            assertThat(get("/api/cases/" + own, attacker.token()).statusCode()).isEqualTo(200);
            HttpResponse<String> earlier = get("/api/cases/" + held.caseId(), attacker.token());
            assertThat(earlier.statusCode()).isEqualTo(403);
            assertThat(earlier.body()).doesNotContain("Words of the held person");
            assertThat(json(get("/api/cases", attacker.token())).toString()).doesNotContain(held.caseId());
        }

        @Test
        void cannotActOnTheOtherProvidersCases() throws Exception {
            Held held = heldBy(holder);
            for (String[] call : List.of(
                    new String[] {"/close", "{\"reason\":\"OTHER\",\"closedOn\":\"" + TODAY + "\"}"},
                    new String[] {"/advocate", "{\"advocateId\":\"" + attacker.subject() + "\"}"},
                    new String[] {"/legal-status", "{\"legalStatusCode\":\"01\",\"startedOn\":\"" + TODAY + "\"}"},
                    new String[] {"/issues", "{\"category\":\"LEAVE\",\"description\":\"x\",\"raisedOn\":\"" + TODAY + "\"}"})) {
                assertThat(post("/api/cases/" + held.caseId() + call[0], call[1], attacker.token()).statusCode())
                        .as(call[0]).isEqualTo(403);
            }
        }

        @Test
        void cannotDecideOrTakeTheOtherProvidersUnassignedReferral() throws Exception {
            String personId = registeredPerson();
            String caseId = refer(personId, holder);
            assertThat(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"" + TODAY + "\"}", attacker.token())
                    .statusCode()).isEqualTo(403);
            assertThat(post("/api/cases/" + caseId + "/decline", """
                    {"declinedOn":"%s","reason":"OTHER"}""".formatted(TODAY), attacker.token()).statusCode())
                    .isEqualTo(403);
            assertThat(post("/api/cases/" + caseId + "/acceptance", "{\"on\":\"" + TODAY + "\"}", holder.token())
                    .statusCode()).isEqualTo(204);
            assertThat(post("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + attacker.subject() + "\"}",
                    attacker.token()).statusCode()).isEqualTo(403);
        }

        @Test
        void cannotEraseOrChangeConsentOfAPersonTheyHaveNoCaseOf() throws Exception {
            Held held = heldBy(holder);
            assertThat(post("/api/persons/" + held.personId() + "/erasure", "{\"reason\":\"OTHER\"}",
                    attacker.token()).statusCode()).isEqualTo(403);
            assertThat(post("/api/persons/" + held.personId() + "/consents", """
                    {"scope":"EVALUATION","givenOn":"%s"}""".formatted(TODAY), attacker.token()).statusCode())
                    .isEqualTo(403);
            assertThat(get("/api/persons/" + held.personId(), attacker.token()).statusCode()).isEqualTo(403);
        }

        @Test
        void cannotEraseAPersonAnotherProviderHoldsEvenThroughACaseOfTheirOwn() throws Exception {
            Held held = heldBy(holder);
            take(refer(held.personId(), attacker), attacker);
            HttpResponse<String> erasure = post("/api/persons/" + held.personId() + "/erasure",
                    "{\"reason\":\"OTHER\"}", attacker.token());
            assertThat(erasure.statusCode()).isEqualTo(403);
            assertThat(json(get("/api/persons/" + held.personId(), holder.token())).get("erased").asBoolean())
                    .isFalse();
        }
    }

    @Nested
    class WithinOneProvider {

        @Test
        void anotherAdvocateDoesNotSeeAColleaguesCaseWhereCaseloadsAreNotShared() throws Exception {
            Advocate holder = Advocate.of("provider-a", "team-1");
            Advocate colleague = Advocate.of("provider-a", "team-1");
            Held held = heldBy(holder);
            assertThat(get("/api/cases/" + held.caseId(), colleague.token()).statusCode()).isEqualTo(403);
            assertThat(get("/api/persons/" + held.personId(), colleague.token()).statusCode()).isEqualTo(403);
        }

        @Test
        void aTeamSeesItsCasesWhereTheProviderSharesByTeamAndNoOtherTeamDoes() throws Exception {
            Advocate holder = Advocate.of("provider-teams", "team-red");
            Advocate sameTeam = Advocate.of("provider-teams", "team-red");
            Advocate otherTeam = Advocate.of("provider-teams", "team-blue");
            Held held = heldBy(holder);
            assertThat(get("/api/cases/" + held.caseId(), sameTeam.token()).statusCode()).isEqualTo(200);
            assertThat(post("/api/cases/" + held.caseId() + "/first-contact", """
                    {"contactOn":"%s","mode":"PHONE"}""".formatted(TODAY), sameTeam.token()).statusCode())
                    .isEqualTo(204);
            assertThat(json(get("/api/cases", sameTeam.token())).toString()).contains(held.caseId());
            assertThat(get("/api/cases/" + held.caseId(), otherTeam.token()).statusCode()).isEqualTo(403);
            assertThat(get("/api/persons/" + held.personId(), otherTeam.token()).statusCode()).isEqualTo(403);
        }

        @Test
        void legalStatusOnAnUnassignedCaseIsForTheProvidersTrustFeedNotAnyAdvocate() throws Exception {
            Advocate advocate = Advocate.of("provider-a", "team-1");
            String caseId = refer(registeredPerson(), advocate);
            String body = "{\"legalStatusCode\":\"03\",\"startedOn\":\"" + TODAY + "\"}";
            assertThat(post("/api/cases/" + caseId + "/legal-status", body, advocate.token()).statusCode())
                    .isEqualTo(403);
            String otherFeed = TestKeys.token(Caller.INTEGRATION, "feed-b", null, "provider-b", null);
            assertThat(post("/api/cases/" + caseId + "/legal-status", body, otherFeed).statusCode()).isEqualTo(403);
            String ownFeed = TestKeys.token(Caller.INTEGRATION, "feed-a", null, "provider-a", null);
            assertThat(post("/api/cases/" + caseId + "/legal-status", body, ownFeed).statusCode()).isEqualTo(204);
        }

        @Test
        void aTokenThatNamesNoProviderCannotRefer() throws Exception {
            String noProvider = TestKeys.token(Caller.ADVOCATE, "advocate-nowhere", null, null, null);
            HttpResponse<String> referral = post("/api/cases", """
                    {"personId":"%s","advocacyType":"IMHA","referralSource":"SELF","referredOn":"%s"}"""
                    .formatted(registeredPerson(), TODAY), noProvider);
            assertThat(referral.statusCode()).isEqualTo(403);
        }
    }

    @Nested
    class AnExceptionalLook {

        private final Advocate holder = Advocate.of("provider-a", "team-1");
        private final Advocate other = Advocate.of("provider-b", "team-1");

        @Test
        void isAReasonedRequestGivingATimeLimitedReadAuditedBothWays() throws Exception {
            Held held = heldBy(holder);
            try (KafkaConsumer<String, byte[]> audit = TestKafka.consumer(Topic.AUDIT)) {
                HttpResponse<String> granted = post("/api/persons/" + held.personId() + "/access-requests", """
                        {"reason":"SAFEGUARDING","justification":"Concern raised on the ward today"}""",
                        other.token());
                assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
                assertThat(json(granted).get("expiresAt").asString()).isNotBlank();
                String grantId = json(granted).get("grantId").asString();

                assertThat(get("/api/cases/" + held.caseId(), other.token()).statusCode()).isEqualTo(200);
                assertThat(json(get("/api/persons/" + held.personId(), other.token())).get("name").asString())
                        .isEqualTo("Held Synthetic");
                // a look, not a hand-over: nothing may be changed under a grant
                assertThat(post("/api/cases/" + held.caseId() + "/close", """
                        {"reason":"OTHER","closedOn":"%s"}""".formatted(TODAY), other.token()).statusCode())
                        .isEqualTo(403);

                List<String> records = new ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    for (ConsumerRecord<String, byte[]> record : TestKafka.poll(audit, Duration.ofMillis(200))) {
                        records.add(new String(record.value(), StandardCharsets.UTF_8));
                    }
                    assertThat(records).anySatisfy(r -> assertThat(r).contains("ACCESS_GRANTED")
                            .contains(other.subject()).contains("person/" + held.personId()).contains("SAFEGUARDING"));
                    assertThat(records).anySatisfy(r -> assertThat(r).contains("PERSONAL_DATA_READ")
                            .contains(other.subject()).contains("case/" + held.caseId())
                            .contains("access-grant/" + grantId));
                });
                assertThat(records).allSatisfy(r -> assertThat(r).doesNotContain("Concern raised"));
            }
        }

        @Test
        void needsAReason() throws Exception {
            Held held = heldBy(holder);
            HttpResponse<String> refused = post("/api/persons/" + held.personId() + "/access-requests",
                    "{\"justification\":\"because\"}", other.token());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("reason");
            assertThat(get("/api/cases/" + held.caseId(), other.token()).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aLookupByNhsNumberIsAuditedWithoutTheNumber() throws Exception {
        Advocate advocate = Advocate.of("provider-a", "team-1");
        Held held = heldBy(advocate);
        try (KafkaConsumer<String, byte[]> audit = TestKafka.consumer(Topic.AUDIT)) {
            assertThat(get("/api/persons?nhsNumber=" + held.nhsNumber(), advocate.token()).statusCode())
                    .isEqualTo(200);
            List<String> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : TestKafka.poll(audit, Duration.ofMillis(200))) {
                    records.add(new String(record.value(), StandardCharsets.UTF_8));
                }
                assertThat(records).anySatisfy(r -> assertThat(r).contains("NHS_NUMBER_LOOKUP")
                        .contains(advocate.subject()).contains("person/" + held.personId()));
            });
            assertThat(records).allSatisfy(r -> assertThat(r).doesNotContain(held.nhsNumber()));
        }
    }
}
