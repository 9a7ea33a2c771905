package org.heard.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.heard.contracts.outcomes.ItemResponse;
import org.heard.gateway.fhir.FhirValidation;
import org.heard.gateway.fhir.UkCore;
import org.heard.kit.testing.TestNhsNumbers;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

/** What the gateway shares validates against base R4 with HAPI's validator (no errors, whatever warnings). */
class SharedResourcesValidationTest {

    static final FhirContext FHIR = FhirContext.forR4();
    static final FhirValidation VALIDATION = new FhirValidation(FHIR, new UkCore(FHIR));
    static final String NHS = TestNhsNumbers.nth(3);

    static final SharedRecords.Framework FRAMEWORK = new SharedRecords.Framework("heard-empowerment", 1,
            "Heard empowerment", "PUBLISHED", LocalDate.parse("2026-02-01"), List.of(
            new SharedRecords.Item("involved-in-decisions", "I am involved in decisions about my care", 1, 5,
                    "involvement"),
            new SharedRecords.Item("listened-to", "I feel listened to", 1, 5, "involvement"),
            new SharedRecords.Item("hopeful", "I feel hopeful about the future", 1, 5, "wellbeing")));

    static final SharedRecords.Assessment ASSESSMENT = new SharedRecords.Assessment(
            "a3c9e1f0-7d2b-4f6e-8c1a-5b4d3e2f1a09", "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e", "heard-empowerment", 1,
            "BASELINE", LocalDate.parse("2026-03-04"), new BigDecimal("9"),
            List.of(new ItemResponse("involved-in-decisions", 2), new ItemResponse("listened-to", 3),
                    new ItemResponse("hopeful", 4)),
            new LinkedHashMap<>(Map.of("involvement", new BigDecimal("2.5"))));

    private static List<SingleValidationMessage> errors(IBaseResource resource) {
        return VALIDATION.messages(resource).stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
    }

    @Test
    void aFrameworkVersionIsAValidQuestionnaire() {
        Questionnaire questionnaire = SharedResources.questionnaire(FRAMEWORK);
        assertThat(errors(questionnaire)).isEmpty();
        assertThat(questionnaire.getItem()).hasSize(3);
        assertThat(questionnaire.getUrl()).isEqualTo("https://heard.org/fhir/Questionnaire/heard-empowerment");
    }

    @Test
    void anAssessmentIsAValidQuestionnaireResponseNamingThePatientOnlyByNhsNumber() {
        QuestionnaireResponse response = SharedResources.response(ASSESSMENT, NHS);
        assertThat(errors(response)).isEmpty();
        assertThat(response.getSubject().getIdentifier().getValue()).isEqualTo(NHS);
        assertThat(FHIR.newJsonParser().encodeResourceToString(response)).doesNotContain(ASSESSMENT.personId());
    }

    @Test
    void itsTotalAndSubscaleScoresAreValidObservations() {
        List<Observation> scores = SharedResources.scores(ASSESSMENT, NHS);
        assertThat(scores).hasSize(2);
        for (Observation score : scores) {
            assertThat(errors(score)).as(score.getId()).isEmpty();
        }
        assertThat(scores.get(0).getValueQuantity().getValue()).isEqualByComparingTo("9");
        assertThat(scores.get(1).getValueQuantity().getValue()).isEqualByComparingTo("2.5");
    }

    @Test
    void theValidatorFindsAnErrorInABrokenResource() {
        QuestionnaireResponse broken = SharedResources.response(ASSESSMENT, NHS);
        broken.setStatus(null);
        assertThat(errors(broken)).isNotEmpty();
    }
}
