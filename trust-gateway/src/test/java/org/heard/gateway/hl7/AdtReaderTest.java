package org.heard.gateway.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.heard.gateway.Adt;
import org.heard.gateway.GatewayProperties;
import org.heard.gateway.fhir.UkCore;
import org.heard.gateway.notice.NoticeKind;
import org.heard.gateway.notice.TrustNotice;
import org.heard.kit.testing.TestNhsNumbers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;

/** Reading ADT messages as notices, with two different legal status mappings and the content that is refused. */
class AdtReaderTest {

    static final String NHS = TestNhsNumbers.nth(1);
    static final Instant RECEIVED = Instant.parse("2026-03-02T09:16:04Z");
    static final UkCore UK_CORE = new UkCore(FhirContext.forR4());

    static GatewayProperties properties() {
        Map<String, GatewayProperties.LegalStatusMapping> mappings = Map.of(
                "zls", new GatewayProperties.LegalStatusMapping("ZLS", 2, 1, 3, 3, 0, null, Map.of()),
                "obx-mha", new GatewayProperties.LegalStatusMapping("OBX", 5, 1, 0, 14, 3, "MHA-LS",
                        Map.of("S2", "02", "S3", "03", "INF", "01")));
        Map<String, GatewayProperties.Sender> senders = Map.of(
                "ZLS_PAS", new GatewayProperties.Sender("SYNTH", "zls", LegalStatusCodeSystem.ENGLAND,
                        ZoneId.of("Europe/London"), null, Set.of()),
                "OBX_PAS", new GatewayProperties.Sender("SYNTW", "obx-mha", LegalStatusCodeSystem.WALES,
                        ZoneId.of("Europe/London"), null, Set.of()));
        return new GatewayProperties(new GatewayProperties.Mllp(true, 2575, new GatewayProperties.Tls(false, "mllp",
                true)), senders, mappings, new GatewayProperties.NhsNumberIdentifier(java.util.List.of("NHS"),
                java.util.List.of("NH")), null, null, null);
    }

    private final AdtReader reader = new AdtReader(properties(), UK_CORE);

    static Message parse(String er7) throws Exception {
        PipeParser parser = new PipeParser(new CanonicalModelClassFactory("2.5"));
        return parser.parse(er7);
    }

    private TrustNotice read(Adt adt) throws Exception {
        return reader.read(parse(adt.er7()), RECEIVED);
    }

    @Nested
    class TheZSegmentMapping {

        @Test
        void readsTheUkCoreCodeItsSystemAndWhenItBegan() throws Exception {
            TrustNotice notice = read(Adt.of("ZLS_PAS", "A01", "M1").nhs(NHS).hospitalNumber("H123")
                    .zls("03", "UKCORE-ENGLAND", "20260302091500"));
            assertThat(notice.kind()).isEqualTo(NoticeKind.ADMISSION);
            assertThat(notice.organisation()).isEqualTo("SYNTH");
            assertThat(notice.legalStatus().code()).isEqualTo("03");
            assertThat(notice.legalStatus().codeSystem()).isEqualTo(LegalStatusCodeSystem.ENGLAND);
            // 09:15 in London on 2 March is 09:15 UTC (GMT)
            assertThat(notice.legalStatus().startedAt()).isEqualTo(Instant.parse("2026-03-02T09:15:00Z"));
            assertThat(notice.patient().nhsNumber()).isEqualTo(NHS);
            assertThat(notice.patient().localIdentifiers()).extracting(TrustNotice.Identifier::value)
                    .containsExactly("H123");
            assertThat(notice.patient().familyName()).isEqualTo("Synthetic");
            assertThat(notice.patient().ethnicCategory()).isEqualTo("N");
            assertThat(notice.stay().ward()).isEqualTo("WILLOW");
            assertThat(notice.stay().site()).isEqualTo("SYNTH01");
            assertThat(notice.stay().stayId()).isEqualTo("V0001");
        }

        @Test
        void aWelshCodeIsReadAgainstTheWalesClassification() throws Exception {
            TrustNotice notice = read(Adt.of("ZLS_PAS", "A08", "M2").nhs(NHS).zls("35", "UKCORE-WALES", ""));
            assertThat(notice.legalStatus().codeSystem()).isEqualTo(LegalStatusCodeSystem.WALES);
            assertThat(notice.legalStatus().code()).isEqualTo("35");
        }

        @Test
        void aCodeOutsideTheClassificationIsRefusedNamingTheField() {
            assertThatThrownBy(() -> read(Adt.of("ZLS_PAS", "A01", "M3").nhs(NHS).zls("11", "UKCORE-ENGLAND", "")))
                    .isInstanceOfSatisfying(Hl7Rejection.class, r -> {
                        assertThat(r.code()).isEqualTo(ErrorCode.TABLE_VALUE_NOT_FOUND);
                        assertThat(r.location()).isEqualTo("ZLS-2");
                        assertThat(r.getMessage()).doesNotContain("11");
                    });
        }
    }

    @Nested
    class TheObxMapping {

        @Test
        void translatesTheTrustsOwnCodeInItsDefaultSystem() throws Exception {
            TrustNotice notice = read(Adt.of("OBX_PAS", "A01", "M4").nhs(NHS).obx("S2", "20260702101500"));
            assertThat(notice.legalStatus().code()).isEqualTo("02");
            assertThat(notice.legalStatus().codeSystem()).isEqualTo(LegalStatusCodeSystem.WALES);
            // 10:15 in London on 2 July is 09:15 UTC (BST)
            assertThat(notice.legalStatus().startedAt()).isEqualTo(Instant.parse("2026-07-02T09:15:00Z"));
        }

        @Test
        void ignoresAZSegmentItDoesNotMap() throws Exception {
            TrustNotice notice = read(Adt.of("OBX_PAS", "A01", "M5").nhs(NHS).zls("03", "UKCORE-ENGLAND", ""));
            assertThat(notice.legalStatus()).isNull();
        }

        @Test
        void aCodeWithoutATranslationIsRefused() {
            assertThatThrownBy(() -> read(Adt.of("OBX_PAS", "A01", "M6").nhs(NHS).obx("S99", "")))
                    .isInstanceOfSatisfying(Hl7Rejection.class, r -> assertThat(r.location()).isEqualTo("OBX-5"));
        }
    }

    @Nested
    class RefusedContent {

        @Test
        void anNhsNumberWithAWrongCheckDigit() {
            String wrong = NHS.substring(0, 9) + ((NHS.charAt(9) - '0' + 1) % 10);
            assertThatThrownBy(() -> read(Adt.of("ZLS_PAS", "A01", "M7").nhs(wrong)))
                    .isInstanceOfSatisfying(Hl7Rejection.class, r -> {
                        assertThat(r.location()).isEqualTo("PID-3");
                        assertThat(r.code()).isEqualTo(ErrorCode.DATA_TYPE_ERROR);
                        assertThat(r.getMessage()).doesNotContain(wrong);
                    });
        }

        @Test
        void aSendingFacilityHeardDoesNotKnow() {
            assertThatThrownBy(() -> read(Adt.of("STRANGER", "A01", "M8").nhs(NHS)))
                    .isInstanceOfSatisfying(Hl7Rejection.class, r -> assertThat(r.location()).isEqualTo("MSH-4"));
        }

        @Test
        void aTriggerEventHeardDoesNotTake() {
            assertThatThrownBy(() -> read(Adt.of("ZLS_PAS", "A05", "M9").nhs(NHS)))
                    .isInstanceOfSatisfying(Hl7Rejection.class,
                            r -> assertThat(r.code()).isEqualTo(ErrorCode.UNSUPPORTED_EVENT_CODE));
        }

        @Test
        void aMergeWithoutPriorIdentifiers() {
            assertThatThrownBy(() -> read(Adt.of("ZLS_PAS", "A40", "M10").nhs(NHS)))
                    .isInstanceOfSatisfying(Hl7Rejection.class, r -> assertThat(r.location()).isEqualTo("MRG-1"));
        }
    }

    @Test
    void aMergeNamesThePriorRecord() throws Exception {
        String prior = TestNhsNumbers.nth(2);
        TrustNotice notice = read(Adt.of("ZLS_PAS", "A40", "M11").nhs(NHS).merging(prior, "H999"));
        assertThat(notice.kind()).isEqualTo(NoticeKind.MERGE);
        assertThat(notice.prior()).extracting(TrustNotice.Identifier::value).containsExactly(prior, "H999");
    }
}
