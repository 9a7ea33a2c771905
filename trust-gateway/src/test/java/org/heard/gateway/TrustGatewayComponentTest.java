package org.heard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.heard.contracts.EventCatalogue;
import org.heard.contracts.HeardEvent;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.CompletedBy;
import org.heard.contracts.outcomes.FrameworkItemDefined;
import org.heard.contracts.outcomes.FrameworkPurpose;
import org.heard.contracts.outcomes.FrameworkVersionDrafted;
import org.heard.contracts.outcomes.FrameworkVersionPublished;
import org.heard.contracts.outcomes.ItemResponse;
import org.heard.contracts.outcomes.ScoringRule;
import org.heard.contracts.outcomes.Timepoint;
import org.heard.gateway.fhir.FhirValidation;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.persons.PersonRegistered;
import org.heard.contracts.testing.DockerIt;
import org.heard.contracts.testing.TestKafka;
import org.heard.contracts.trust.AutomaticImhaReferralMade;
import org.heard.contracts.trust.EpisodeEndReason;
import org.heard.contracts.trust.ImhaOptOutRecorded;
import org.heard.contracts.trust.LegalStatusEpisodeEnded;
import org.heard.contracts.trust.LegalStatusEpisodeStarted;
import org.heard.contracts.trust.OptOutKind;
import org.heard.contracts.trust.QualifyingEpisodeStarted;
import org.heard.contracts.trust.TrustPersonsMerged;
import org.heard.contracts.trust.TrustProtocol;
import org.heard.gateway.GatewayTestSupport.Ack;
import org.heard.gateway.GatewayTestSupport.CaseService;
import org.heard.gateway.GatewayTestSupport.Events;
import org.heard.gateway.GatewayTestSupport.Mllp;
import org.heard.gateway.fhir.UkCore;
import org.heard.kit.testing.TestKeys;
import org.heard.kit.testing.TestNhsNumbers;
import org.heard.kit.testing.TestPostgres;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import tools.jackson.databind.JsonNode;

/**
 * The gateway as a trust meets it — HAPI's MLLP client and HAPI's FHIR generic client — with its inbox and event store
 * in a real PostgreSQL, its events on a real Kafka broker, and the real case-service receiving its commands.
 */
@ExtendWith(DockerIt.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrustGatewayComponentTest {

    static final int MLLP_PORT = GatewayTestSupport.freePort();
    static URI caseServiceUrl;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        caseServiceUrl = CaseServiceInProcess.start(TestPostgres.newDatabase("case"), TestKafka.bootstrapServers());
        registry.add("spring.datasource.url", () -> TestPostgres.newDatabase("gateway"));
        registry.add("heard.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        TestKeys.register(registry);
        registry.add("heard.gateway.mllp.port", () -> MLLP_PORT);
        registry.add("heard.gateway.case-service.url", () -> caseServiceUrl.toString());
        registry.add("heard.gateway.case-service.token-file", GatewayTestSupport::tokenFile);
        registry.add("heard.gateway.apply.poll-interval", () -> "50ms");
        registry.add("heard.gateway.senders.TEST_PAS.organisation", () -> "SYNTH");
        registry.add("heard.gateway.senders.TEST_PAS.legal-status", () -> "zls");
        registry.add("heard.gateway.senders.TEST_PAS.fhir-clients", () -> "fhir-client");
        registry.add("heard.gateway.senders.OBX_PAS.organisation", () -> "SYNTX");
        registry.add("heard.gateway.senders.OBX_PAS.legal-status", () -> "obx-mha");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FhirValidation validation;

    static Mllp mllp;
    static Events events;
    static CaseService caseService;
    static final FhirContext FHIR = FhirContext.forR4();

    /** After the context has started (its listener with it); once for the class. */
    @BeforeEach
    void clients() {
        if (mllp == null) {
            mllp = new Mllp(MLLP_PORT);
            events = new Events();
            caseService = new CaseService(caseServiceUrl);
        }
    }

    @AfterAll
    static void close() {
        if (mllp != null) {
            mllp.close();
            events.close();
        }
    }

    private IGenericClient fhirClient() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        // two cores shared with other builds: a slow answer is not a wrong one
        FHIR.getRestfulClientFactory().setSocketTimeout(60_000);
        IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(TestKeys.token("integration", "fhir-client", null)));
        return client;
    }

    private String awaitPerson(String nhs) {
        await().atMost(Duration.ofSeconds(30)).until(() -> caseService.personId(nhs) != null);
        return caseService.personId(nhs);
    }

    private long inboxRows() {
        return jdbc.queryForObject("select count(*) from inbox_message", Long.class);
    }

    @Test
    void anAdmissionUnderSection3MakesAPersonAnEpisodeAnAutomaticReferralAndAClock() {
        String nhs = TestNhsNumbers.nth(101);
        Ack ack = mllp.send(Adt.of("TEST_PAS", "A01", "S3-1").nhs(nhs).hospitalNumber("H101").ethnic("M")
                .zls("03", "UKCORE-ENGLAND", "20260302091500").er7());
        assertThat(ack.code()).isEqualTo("AA");
        assertThat(ack.controlId()).isEqualTo("S3-1");

        String personId = awaitPerson(nhs);
        await().atMost(Duration.ofSeconds(30)).until(() -> !events.of(personId, AutomaticImhaReferralMade.class).isEmpty());
        LegalStatusEpisodeStarted episode = events.of(personId, LegalStatusEpisodeStarted.class).get(0);
        assertThat(episode.legalStatusCode()).isEqualTo("03");
        assertThat(episode.qualifyingPatient()).isTrue();
        assertThat(episode.organisation()).isEqualTo("SYNTH");
        assertThat(episode.ward()).isEqualTo("WILLOW");
        assertThat(episode.startedAt()).isEqualTo(Instant.parse("2026-03-02T09:15:00Z"));
        assertThat(episode.protocol()).isEqualTo(TrustProtocol.HL7V2);
        QualifyingEpisodeStarted qualifying = events.of(personId, QualifyingEpisodeStarted.class).get(0);
        AutomaticImhaReferralMade referral = events.of(personId, AutomaticImhaReferralMade.class).get(0);
        assertThat(referral.qualifyingEpisodeId()).isEqualTo(qualifying.qualifyingEpisodeId());
        assertThat(referral.notifiedAt()).isEqualTo(qualifying.notifiedAt());
        assertThat(Duration.between(referral.notifiedAt(), referral.firstContactDueBy())).isEqualTo(Duration.ofDays(5));
        assertThat(referral.rule()).isEqualTo("mha-1983-s130c");

        // case-service has the person and the case: an IMHA referral from the trust feed, section 3, qualifying
        JsonNode kase = caseService.json("/api/cases/" + referral.caseId(),
                TestKeys.token("service-user", "person-" + personId, personId));
        assertThat(kase.get("personId").asString()).isEqualTo(personId);
        assertThat(kase.get("advocacyType").asString()).isEqualTo("IMHA");
        assertThat(kase.get("referralSource").asString()).isEqualTo("TRUST_FEED");
        assertThat(kase.get("legalStatusCode").asString()).isEqualTo("03");
        assertThat(kase.get("qualifyingPatient").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> events.of(personId, ReferralReceived.class).stream()
                .anyMatch(r -> r.referralSource() == ReferralSource.TRUST_FEED));
        assertThat(events.of(personId, PersonRegistered.class).get(0).equality().ethnicCategory()).isEqualTo("M");
    }

    @Test
    void overCaseServicesRateLimitTheGatewayIsToldHowLongToWaitNotThatCaseServiceIsDown() {
        // a caller of its own (case-service's buckets are per caller), so that the gateway's bucket stays full
        String probe = TestKeys.token("integration", "rate-limit-probe", null);
        org.heard.gateway.caseservice.CaseServiceClient client = new org.heard.gateway.caseservice.CaseServiceClient(
                new org.heard.gateway.GatewayProperties.CaseService(caseServiceUrl, null,
                        new org.heard.gateway.GatewayProperties.ClientCredentials(null, null, null, null),
                        Duration.ofSeconds(10)), () -> probe);
        org.heard.gateway.caseservice.CaseServiceBusy busy = null;
        int lookups = 0;
        for (long body = 999_777_000L; busy == null && lookups < 100; body++) {
            String nhs = withCheckDigit(body);
            if (nhs == null) {
                continue;
            }
            lookups++;
            try {
                client.findByNhsNumber(nhs);
            } catch (org.heard.gateway.caseservice.CaseServiceBusy e) {
                busy = e;
            }
        }
        assertThat(busy).as("case-service answers 429 once a caller has made its 60 look-ups of the minute")
                .isNotNull();
        assertThat(lookups).as("not before the 61st").isGreaterThan(60);
        assertThat(busy.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    /** The NHS number with this 9-digit body, or null when the body has no check digit (Modulus 11). */
    private static String withCheckDigit(long body) {
        String nine = Long.toString(body);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nine.charAt(i) - '0') * (10 - i);
        }
        int check = (11 - sum % 11) % 11;
        return check == 10 ? null : nine + check;
    }

    @Test
    void theSameMessageTwiceChangesNothing() {
        String nhs = TestNhsNumbers.nth(102);
        String a01 = Adt.of("TEST_PAS", "A01", "TWICE-1").nhs(nhs).zls("02", "UKCORE-ENGLAND", "20260302091500").er7();
        assertThat(mllp.send(a01).code()).isEqualTo("AA");
        long rows = inboxRows();
        assertThat(mllp.send(a01).code()).isEqualTo("AA");
        assertThat(inboxRows()).as("a resend is recognised by sender and control id").isEqualTo(rows);
        // the trust's system sends the same admission again under a new control id: stored, but changes nothing
        assertThat(mllp.send(Adt.of("TEST_PAS", "A01", "TWICE-2").nhs(nhs).zls("02", "UKCORE-ENGLAND",
                "20260302091500").er7()).code()).isEqualTo("AA");
        String personId = awaitPerson(nhs);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from inbox_message where status = 'PENDING'", Long.class) == 0
                && !events.of(personId, AutomaticImhaReferralMade.class).isEmpty());
        // one more message after them, to know the gateway has published everything before it
        assertThat(mllp.send(Adt.of("TEST_PAS", "A08", "TWICE-3").nhs(nhs).zls("03", "UKCORE-ENGLAND",
                "20260303091500").er7()).code()).isEqualTo("AA");
        await().atMost(Duration.ofSeconds(30)).until(() -> events.of(personId, LegalStatusEpisodeStarted.class).size() == 2);
        assertThat(events.of(personId, LegalStatusEpisodeStarted.class)).extracting(LegalStatusEpisodeStarted::legalStatusCode)
                .containsExactly("02", "03");
        assertThat(events.of(personId, QualifyingEpisodeStarted.class)).as("section 2 then 3 is one qualifying episode")
                .hasSize(1);
        assertThat(events.of(personId, AutomaticImhaReferralMade.class)).hasSize(1);
        assertThat(events.of(personId, ReferralReceived.class)).as("one case in case-service").hasSize(1);
        assertThat(events.of(personId, LegalStatusEpisodeEnded.class)).extracting(LegalStatusEpisodeEnded::reason)
                .containsExactly(EpisodeEndReason.SUPERSEDED);
    }

    @Test
    void contentHeardWillNeverAcceptIsAnsweredAeNamingWhereAndNothingIsStored() {
        long rows = inboxRows();
        String nhs = TestNhsNumbers.nth(103);
        String wrongCheckDigit = nhs.substring(0, 9) + ((nhs.charAt(9) - '0' + 1) % 10);

        Ack badNhs = mllp.send(Adt.of("TEST_PAS", "A01", "BAD-1").nhs(wrongCheckDigit).er7());
        assertThat(badNhs.code()).isEqualTo("AE");
        assertThat(badNhs.controlId()).isEqualTo("BAD-1");
        assertThat(badNhs.errorLocation()).isEqualTo("PID-3");
        assertThat(badNhs.errorCode()).isEqualTo("102");
        assertThat(badNhs.encoded()).doesNotContain(wrongCheckDigit);

        Ack badCode = mllp.send(Adt.of("TEST_PAS", "A01", "BAD-2").nhs(nhs).zls("11", "UKCORE-ENGLAND", "").er7());
        assertThat(badCode.code()).isEqualTo("AE");
        assertThat(badCode.errorLocation()).isEqualTo("ZLS-2");
        assertThat(badCode.errorCode()).isEqualTo("103");

        Ack badTime = mllp.send(Adt.of("TEST_PAS", "A01", "BAD-3").nhs(nhs).at("2026-13-45").er7());
        assertThat(badTime.code()).isEqualTo("AE");
        assertThat(badTime.controlId()).isEqualTo("BAD-3");

        Ack stranger = mllp.send(Adt.of("UNKNOWN_PAS", "A01", "BAD-4").nhs(nhs).er7());
        assertThat(stranger.code()).isEqualTo("AE");
        assertThat(stranger.errorLocation()).isEqualTo("MSH-4");

        assertThat(inboxRows()).isEqualTo(rows);

        assertThat(mllp.send(Adt.of("TEST_PAS", "A01", "BAD-5").nhs(nhs).er7()).code()).isEqualTo("AA");
        Ack reused = mllp.send(Adt.of("TEST_PAS", "A03", "BAD-5").nhs(nhs).er7());
        assertThat(reused.code()).as("a control id reused for another message").isEqualTo("AE");
        assertThat(reused.errorCode()).isEqualTo("205");
        assertThat(inboxRows()).isEqualTo(rows + 1);
    }

    @Test
    void aMessageHl7CannotReadIsAnsweredWithoutQuotingAnyOfIt() {
        String nhs = TestNhsNumbers.nth(112);
        GatewayTestSupport.Logs logs = GatewayTestSupport.Logs.capture();
        // PID-7 is not an HL7 date: HAPI's parser refuses the message before Heard reads it
        String badDate = "MSH|^~\\&|PAS|TEST_PAS|HEARD|HEARD|20260302091500||ADT^A01^ADT_A01|RAW-1|P|2.5\r"
                + "EVN|A01|20260302091500\r"
                + "PID|1||" + nhs + "^^^NHS^NH||Quillfeather^Marigold||19X0-01-01|F\r"
                + "PV1|1|I|WILLOW^^^SYNTH01\r";
        Ack ack = GatewayTestSupport.sendRaw(MLLP_PORT, badDate);
        assertThat(ack.code()).isIn("AE", "AR");
        assertThat(ack.controlId()).isEqualTo("RAW-1");
        assertThat(ack.errorLocation()).isEqualTo("PID-7");
        assertThat(ack.encoded()).doesNotContain(nhs).doesNotContain("Quillfeather").doesNotContain("19X0");

        // no message type at all
        Ack noType = GatewayTestSupport.sendRaw(MLLP_PORT,
                "MSH|^~\\&|PAS|TEST_PAS|HEARD|HEARD|20260302091500|||RAW-2|P|2.5\rPID|1||" + nhs
                        + "^^^NHS^NH||Quillfeather^Marigold\r");
        assertThat(noType.code()).isIn("AE", "AR");
        assertThat(noType.controlId()).isEqualTo("RAW-2");
        assertThat(noType.encoded()).doesNotContain(nhs).doesNotContain("Quillfeather");
        assertThat(jdbc.queryForObject("select count(*) from inbox_message where message_id like 'RAW-%'",
                Long.class)).isZero();
        logs.close();
        assertThat(logs.text()).as("nothing of either message is logged").contains("PID-7")
                .doesNotContain(nhs).doesNotContain("Quillfeather").doesNotContain("19X0");
    }

    @Test
    void theSecondMappingReadsItsOwnCodesAndTheCharacterSetOfMsh18IsHonoured() throws Exception {
        String nhs = TestNhsNumbers.nth(104);
        Ack ack = mllp.send(Adt.of("OBX_PAS", "A01", "LATIN-1").charset("8859/1").nhs(nhs).name("Zoë", "Ångström")
                .obx("S2", "20260302091500").er7());
        assertThat(ack.code()).isEqualTo("AA");
        assertThat(ack.get("/MSH-18")).isEqualTo("8859/1");
        String personId = awaitPerson(nhs);
        JsonNode person = caseService.json("/api/persons/" + personId,
                TestKeys.token("service-user", "person-" + personId, personId));
        assertThat(person.get("name").asString()).isEqualTo("Zoë Ångström");
        await().atMost(Duration.ofSeconds(30)).until(() -> !events.of(personId, LegalStatusEpisodeStarted.class).isEmpty());
        LegalStatusEpisodeStarted episode = events.of(personId, LegalStatusEpisodeStarted.class).get(0);
        assertThat(episode.legalStatusCode()).isEqualTo("02");
        assertThat(episode.organisation()).isEqualTo("SYNTX");
    }

    @Test
    void aMergeKeepsBothHistoriesAndLaterMessagesOfTheMergedRecordReachTheSurvivor() {
        String survivorNhs = TestNhsNumbers.nth(105);
        String mergedNhs = TestNhsNumbers.nth(106);
        assertThat(mllp.send(Adt.of("TEST_PAS", "A01", "MRG-1").nhs(survivorNhs).visit("V105")
                .zls("03", "UKCORE-ENGLAND", "20260302091500").er7()).code()).isEqualTo("AA");
        assertThat(mllp.send(Adt.of("TEST_PAS", "A01", "MRG-2").nhs(mergedNhs).hospitalNumber("H106").visit("V106")
                .zls("02", "UKCORE-ENGLAND", "20260301091500").er7()).code()).isEqualTo("AA");
        String survivor = awaitPerson(survivorNhs);
        String merged = awaitPerson(mergedNhs);
        await().atMost(Duration.ofSeconds(30)).until(() -> !events.of(merged, AutomaticImhaReferralMade.class).isEmpty()
                && !events.of(survivor, AutomaticImhaReferralMade.class).isEmpty());

        assertThat(mllp.send(Adt.of("TEST_PAS", "A40", "MRG-3").nhs(survivorNhs).merging(mergedNhs, "H106").er7()).code())
                .isEqualTo("AA");
        await().atMost(Duration.ofSeconds(30)).until(() -> !events.of(survivor, TrustPersonsMerged.class).isEmpty());
        assertThat(events.of(survivor, TrustPersonsMerged.class).get(0).mergedPersonId()).isEqualTo(merged);
        // neither history is lost: both people's episodes and cases stay where they were
        assertThat(events.of(merged, LegalStatusEpisodeStarted.class)).extracting(LegalStatusEpisodeStarted::legalStatusCode)
                .containsExactly("02");
        assertThat(events.of(survivor, LegalStatusEpisodeStarted.class)).extracting(LegalStatusEpisodeStarted::legalStatusCode)
                .containsExactly("03");
        assertThat(caseService.personId(mergedNhs)).isEqualTo(merged);
        assertThat(events.of(merged, ReferralReceived.class)).hasSize(1);

        // the trust's next message about the merged record (by its hospital number) is about the survivor
        assertThat(mllp.send(Adt.of("TEST_PAS", "A03", "MRG-4").hospitalNumber("H106").visit("V105")
                .discharged("20260320120000").er7()).code()).isEqualTo("AA");
        await().atMost(Duration.ofSeconds(30)).until(() -> !events.of(survivor, LegalStatusEpisodeEnded.class).isEmpty());
        assertThat(events.of(survivor, LegalStatusEpisodeEnded.class).get(0).reason()).isEqualTo(EpisodeEndReason.DISCHARGED);
        assertThat(events.of(merged, LegalStatusEpisodeEnded.class)).isEmpty();
    }

    @Test
    void aTransactionBundleOfPatientAndEncounterWorksLikeAnAdmissionAndAnUpdateChangesTheSection() {
        String nhs = TestNhsNumbers.nth(107);
        IGenericClient client = fhirClient();
        Patient patient = FhirResources.patient("p107", nhs, "Sam", "Synthetic");
        Encounter encounter = FhirResources.encounter("e107", "SPELL-107", UkCore.ENGLAND_SYSTEM, "02",
                Date.from(Instant.parse("2026-04-01T08:00:00Z")));
        encounter.getSubject().setReference("urn:uuid:5b1a7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl("urn:uuid:5b1a7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d").setResource(patient)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        bundle.addEntry().setFullUrl("urn:uuid:6c2b8d3e-4f50-4b6c-9d7e-8f9a0b1c2d3e").setResource(encounter)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Encounter");
        Bundle response = client.transaction().withBundle(bundle).execute();
        assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("201 Created", "201 Created");

        String personId = awaitPerson(nhs);
        await().atMost(Duration.ofSeconds(30)).until(() -> !events.of(personId, AutomaticImhaReferralMade.class).isEmpty());
        LegalStatusEpisodeStarted first = events.of(personId, LegalStatusEpisodeStarted.class).get(0);
        assertThat(first.legalStatusCode()).isEqualTo("02");
        assertThat(first.protocol()).isEqualTo(TrustProtocol.FHIR);
        assertThat(first.ward()).isEqualTo("Rowan Ward");
        assertThat(events.of(personId, PersonRegistered.class).get(0).equality().ethnicCategory()).isEqualTo("M");

        // the trust updates the encounter: now section 3 (subject by NHS number, on its own)
        Encounter changed = FhirResources.encounter("e107", "SPELL-107", UkCore.ENGLAND_SYSTEM, "03",
                Date.from(Instant.parse("2026-04-01T08:00:00Z")));
        changed.getSubject().getIdentifier().setSystem(UkCore.NHS_NUMBER_SYSTEM).setValue(nhs);
        MethodOutcome updated = client.update().resource(changed).prefer(PreferReturnEnum.OPERATION_OUTCOME).execute();
        assertThat(((OperationOutcome) updated.getOperationOutcome()).getIssueFirstRep().getDiagnostics())
                .startsWith("Stored by Heard");
        await().atMost(Duration.ofSeconds(30)).until(() -> events.of(personId, LegalStatusEpisodeStarted.class).size() == 2);
        assertThat(events.of(personId, LegalStatusEpisodeStarted.class).get(1).legalStatusCode()).isEqualTo("03");
        assertThat(events.of(personId, QualifyingEpisodeStarted.class)).hasSize(1);
        assertThat(events.of(personId, AutomaticImhaReferralMade.class)).hasSize(1);
    }

    @Test
    void anInvalidEncounterIsAnsweredWithAnOperationOutcomeNamingTheElementWithoutItsValue() {
        String nhs = TestNhsNumbers.nth(108);
        IGenericClient client = fhirClient();
        long rows = inboxRows();

        Encounter badCode = FhirResources.encounter("e108", "SPELL-108", UkCore.ENGLAND_SYSTEM, "X7",
                Date.from(Instant.parse("2026-04-01T08:00:00Z")));
        badCode.getSubject().getIdentifier().setSystem(UkCore.NHS_NUMBER_SYSTEM).setValue(nhs);
        assertThatThrownBy(() -> client.create().resource(badCode).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
                    assertThat(outcome.getIssue()).isNotEmpty();
                    assertThat(outcome.getIssue()).anySatisfy(issue -> assertThat(issue.getExpression().toString())
                            .contains("Encounter.extension[0].extension[1]"));
                    assertThat(FHIR.newJsonParser().encodeResourceToString(outcome)).doesNotContain("X7");
                });

        // a legal status context that is not in UK Core's code system: only the profile's validation knows it
        Encounter badContext = FhirResources.encounter("e110", "SPELL-110", UkCore.ENGLAND_SYSTEM, "03",
                Date.from(Instant.parse("2026-04-01T08:00:00Z")));
        badContext.getExtension().clear();
        FhirResources.legalStatus(badContext, "transfer", UkCore.ENGLAND_SYSTEM, "03");
        badContext.getSubject().getIdentifier().setSystem(UkCore.NHS_NUMBER_SYSTEM).setValue(nhs);
        assertThatThrownBy(() -> client.create().resource(badContext).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
                    assertThat(outcome.getIssue()).anySatisfy(issue -> assertThat(issue.getExpression().toString())
                            .contains("Encounter.extension[0].extension[0]"));
                    assertThat(FHIR.newJsonParser().encodeResourceToString(outcome)).doesNotContain("transfer")
                            .doesNotContain(nhs);
                });

        Encounter noSubject = FhirResources.encounter("e109", "SPELL-109", UkCore.ENGLAND_SYSTEM, "03",
                Date.from(Instant.parse("2026-04-01T08:00:00Z")));
        noSubject.getSubject().getIdentifier().setSystem(UkCore.NHS_NUMBER_SYSTEM)
                .setValue(nhs.substring(0, 9) + ((nhs.charAt(9) - '0' + 1) % 10));
        assertThatThrownBy(() -> client.create().resource(noSubject).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
                    assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue())
                            .isEqualTo("Encounter.subject.identifier.value");
                    assertThat(FHIR.newJsonParser().encodeResourceToString(outcome)).doesNotContain(nhs.substring(0, 9));
                });
        assertThat(inboxRows()).isEqualTo(rows);
    }

    @Test
    void anOptOutIsRecordedAgainstTheQualifyingEpisodeAndItsCase() throws Exception {
        String nhs = TestNhsNumbers.nth(109);
        assertThat(mllp.send(Adt.of("TEST_PAS", "A01", "OPT-1").nhs(nhs).zls("03", "UKCORE-ENGLAND",
                "20260302091500").er7()).code()).isEqualTo("AA");
        String personId = awaitPerson(nhs);
        await().atMost(Duration.ofSeconds(30)).until(() -> !events.of(personId, AutomaticImhaReferralMade.class).isEmpty());
        String caseId = events.of(personId, AutomaticImhaReferralMade.class).get(0).caseId();

        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/opt-outs"))
                        .header("Authorization", "Bearer " + TestKeys.token("integration", "fhir-client", null))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"nhsNumber\":\"" + nhs
                                + "\",\"kind\":\"OPTED_OUT\",\"recordedOn\":\"2026-03-03\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> !events.of(personId, ImhaOptOutRecorded.class).isEmpty());
        ImhaOptOutRecorded optOut = events.of(personId, ImhaOptOutRecorded.class).get(0);
        assertThat(optOut.caseId()).isEqualTo(caseId);
        assertThat(optOut.kind()).isEqualTo(OptOutKind.OPTED_OUT);
        assertThat(optOut.qualifyingEpisodeId())
                .isEqualTo(events.of(personId, QualifyingEpisodeStarted.class).get(0).qualifyingEpisodeId());
    }

    @Test
    void completedAssessmentsOfAPersonSharingWithTheTrustAreServedAsValidFhirUntilConsentIsWithdrawn() throws Exception {
        String nhs = TestNhsNumbers.nth(110);
        String otherNhs = TestNhsNumbers.nth(111);
        assertThat(mllp.send(Adt.of("TEST_PAS", "A01", "OUT-1").nhs(nhs).zls("03", "UKCORE-ENGLAND",
                "20260302091500").er7()).code()).isEqualTo("AA");
        assertThat(mllp.send(Adt.of("TEST_PAS", "A01", "OUT-2").nhs(otherNhs).zls("03", "UKCORE-ENGLAND",
                "20260302091500").er7()).code()).isEqualTo("AA");
        String personId = awaitPerson(nhs);
        String otherId = awaitPerson(otherNhs);
        // the person consents to sharing with the trust in case-service (which publishes it through its outbox)
        assertThat(caseService.post("/api/persons/" + personId + "/consents", serviceUser(personId),
                "{\"scope\":\"SHARING_WITH_TRUST\",\"givenOn\":\"2026-03-03\"}").statusCode()).isEqualTo(204);

        // outcome-service's events, as it publishes them on heard.outcome.v1
        String framework = "empowerment-" + UUID.randomUUID().toString().substring(0, 8);
        publish(new FrameworkVersionDrafted(framework, 1, "Heard empowerment", FrameworkPurpose.EMPOWERMENT,
                ScoringRule.SUM, null), "EvaluationFramework", framework, 0);
        publish(new FrameworkItemDefined(framework, 1, "listened-to", "I feel listened to", 1, 5, List.of(),
                "involvement", false, 1), "EvaluationFramework", framework, 1);
        publish(new FrameworkItemDefined(framework, 1, "hopeful", "I feel hopeful about the future", 1, 5, List.of(),
                "wellbeing", false, 2), "EvaluationFramework", framework, 2);
        publish(new FrameworkVersionPublished(framework, 1, LocalDate.parse("2026-02-01")), "EvaluationFramework",
                framework, 3);
        for (String person : List.of(personId, otherId)) {
            String assessment = UUID.randomUUID().toString();
            publish(new AssessmentCompleted(assessment, person, UUID.randomUUID().toString(), framework, 1,
                    Timepoint.BASELINE, new BigDecimal("7"), LocalDate.parse("2026-03-04"), CompletedBy.SELF,
                    List.of(new ItemResponse("listened-to", 3), new ItemResponse("hopeful", 4)),
                    Map.of("involvement", new BigDecimal("3"), "wellbeing", new BigDecimal("4"))),
                    "Assessment", assessment, 0);
        }

        IGenericClient client = fhirClient();
        Bundle scores = await().atMost(Duration.ofSeconds(30)).until(() -> observations(client, nhs),
                b -> b.getEntry().size() == 3);
        List<Observation> observations = scores.getEntry().stream().map(e -> (Observation) e.getResource()).toList();
        assertThat(observations).extracting(o -> o.getValueQuantity().getValue().intValue())
                .containsExactlyInAnyOrder(7, 3, 4);
        for (Observation observation : observations) {
            assertThat(validation.errors(observation, null)).as("valid against base R4").isEmpty();
            assertThat(observation.getSubject().getIdentifier().getValue()).isEqualTo(nhs);
        }
        assertThat(FHIR.newJsonParser().encodeResourceToString(scores)).doesNotContain(personId);

        Bundle responses = client.search().forResource(QuestionnaireResponse.class)
                .where(QuestionnaireResponse.PATIENT.hasChainedProperty(
                        Patient.IDENTIFIER.exactly().systemAndIdentifier(UkCore.NHS_NUMBER_SYSTEM, nhs)))
                .returnBundle(Bundle.class).execute();
        assertThat(responses.getEntry()).hasSize(1);
        QuestionnaireResponse response = (QuestionnaireResponse) responses.getEntryFirstRep().getResource();
        assertThat(validation.errors(response, null)).isEmpty();
        Questionnaire questionnaire = client.read().resource(Questionnaire.class).withId(framework + "-v1").execute();
        assertThat(questionnaire.getItem()).hasSize(2);
        assertThat(validation.errors(questionnaire, null)).isEmpty();

        // the other person never consented: their assessment is held, and not shared
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from shared_assessment where person_id = ?", Long.class, otherId) == 1);
        assertThat(observations(client, otherNhs).getEntry()).isEmpty();

        // withdrawal stops sharing from then on
        assertThat(caseService.post("/api/persons/" + personId + "/consents/SHARING_WITH_TRUST/withdrawal",
                serviceUser(personId), "{\"withdrawnOn\":\"2026-03-05\"}").statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> observations(client, nhs).getEntry().isEmpty());
    }

    private static Bundle observations(IGenericClient client, String nhs) {
        return client.search().forResource(Observation.class)
                .where(Observation.PATIENT.hasChainedProperty(
                        Patient.IDENTIFIER.exactly().systemAndIdentifier(UkCore.NHS_NUMBER_SYSTEM, nhs)))
                .returnBundle(Bundle.class).execute();
    }

    private static String serviceUser(String personId) {
        return TestKeys.token("service-user", "person-" + personId, personId);
    }

    private static void publish(HeardEvent event, String aggregateType, String aggregateId, long sequence)
            throws Exception {
        EventEnvelope envelope = EventEnvelope.wrap(event, UUID.randomUUID().toString(),
                URI.create("/heard/outcome-service"), aggregateType, aggregateId, sequence, OffsetDateTime.now(), "c");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(EnvelopeCodec.toRecord(EventCatalogue.forClass(event.getClass()).orElseThrow().topic(),
                    envelope)).get();
        }
    }

    @Test
    void everyEventOnTheTrustTopicIsKeyedByItsPersonAndCarriesNoPersonalData() {
        await().atMost(Duration.ofSeconds(30)).until(() -> events.poll().stream()
                .anyMatch(a -> a.type().topic() == org.heard.contracts.Topic.TRUST));
        List<String> forbidden = List.of("Synthetic", "Alex", "Zoë", "Ångström", "H101", "H106", "V105", "SPELL-107");
        for (var accepted : events.poll()) {
            if (accepted.type().topic() == org.heard.contracts.Topic.TRUST) {
                String json = new String(org.heard.contracts.envelope.EventJson.toBytes(accepted.event()),
                        java.nio.charset.StandardCharsets.UTF_8);
                forbidden.forEach(word -> assertThat(json).doesNotContain(word));
                for (int n = 100; n < 110; n++) {
                    assertThat(json).doesNotContain(TestNhsNumbers.nth(n));
                }
            }
        }
    }
}
