package org.heard.gateway.outbound;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.heard.contracts.outcomes.ItemResponse;
import org.heard.gateway.fhir.UkCore;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;

/**
 * Heard's outcome measures as FHIR R4: a framework version is a Questionnaire (one integer item per framework item,
 * with its scale as minValue/maxValue), a completed assessment a QuestionnaireResponse, and its total and each subscale
 * score an Observation derived from it. The person is named only by NHS number (the one the trust asked with): Heard
 * never puts its own pseudonymous ids or names into what it shares.
 */
public final class SharedResources {

    public static final String QUESTIONNAIRE_BASE = "https://heard.org/fhir/Questionnaire/";
    public static final String SCORE_SYSTEM = "https://heard.org/fhir/CodeSystem/heard-score";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private SharedResources() {
    }

    public static String questionnaireId(String frameworkId, int version) {
        return frameworkId + "-v" + version;
    }

    public static Questionnaire questionnaire(SharedRecords.Framework framework) {
        Questionnaire questionnaire = new Questionnaire();
        questionnaire.setId(questionnaireId(framework.frameworkId(), framework.version()));
        questionnaire.setUrl(QUESTIONNAIRE_BASE + framework.frameworkId());
        questionnaire.setVersion(Integer.toString(framework.version()));
        questionnaire.setName(framework.frameworkId().replaceAll("[^A-Za-z0-9]", "_"));
        questionnaire.setTitle(framework.name());
        questionnaire.setStatus("RETIRED".equals(framework.status()) ? Enumerations.PublicationStatus.RETIRED
                : Enumerations.PublicationStatus.ACTIVE);
        questionnaire.setPublisher("Heard");
        questionnaire.addSubjectType("Patient");
        if (framework.publishedOn() != null) {
            questionnaire.setDate(Date.from(framework.publishedOn().atStartOfDay(LONDON).toInstant()));
        }
        for (SharedRecords.Item item : framework.items()) {
            Questionnaire.QuestionnaireItemComponent question = questionnaire.addItem()
                    .setLinkId(item.itemId()).setText(item.wording())
                    .setType(Questionnaire.QuestionnaireItemType.INTEGER).setRequired(true);
            question.addExtension(new Extension("http://hl7.org/fhir/StructureDefinition/minValue",
                    new IntegerType(item.scaleMin())));
            question.addExtension(new Extension("http://hl7.org/fhir/StructureDefinition/maxValue",
                    new IntegerType(item.scaleMax())));
        }
        return questionnaire;
    }

    private static Reference patient(String nhsNumber) {
        return new Reference().setIdentifier(new Identifier().setSystem(UkCore.NHS_NUMBER_SYSTEM).setValue(nhsNumber));
    }

    public static QuestionnaireResponse response(SharedRecords.Assessment assessment, String nhsNumber) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setId(assessment.assessmentId());
        response.setQuestionnaire(QUESTIONNAIRE_BASE + assessment.frameworkId() + "|" + assessment.frameworkVersion());
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(patient(nhsNumber));
        response.setAuthoredElement(new DateTimeType(assessment.completedOn().toString()));
        for (ItemResponse answer : assessment.responses()) {
            response.addItem().setLinkId(answer.itemId()).addAnswer().setValue(new IntegerType(answer.value()));
        }
        return response;
    }

    /** The total score and one Observation per subscale (none for a score the framework does not compute). */
    public static List<Observation> scores(SharedRecords.Assessment assessment, String nhsNumber) {
        List<Observation> observations = new ArrayList<>();
        if (assessment.score() != null) {
            observations.add(score(assessment, nhsNumber, assessment.assessmentId() + "-total",
                    assessment.frameworkId() + "-total", "Total score", assessment.score()));
        }
        int n = 0;
        for (Map.Entry<String, BigDecimal> subscale : assessment.subscales().entrySet()) {
            observations.add(score(assessment, nhsNumber, assessment.assessmentId() + "-subscale-" + (++n),
                    assessment.frameworkId() + "-subscale-" + subscale.getKey().replaceAll("[^A-Za-z0-9-]", "-"),
                    "Subscale score: " + subscale.getKey(), subscale.getValue()));
        }
        return observations;
    }

    private static Observation score(SharedRecords.Assessment assessment, String nhsNumber, String id, String code,
                                     String display, BigDecimal value) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")));
        observation.setCode(new CodeableConcept(new Coding(SCORE_SYSTEM, code, display)));
        observation.setSubject(patient(nhsNumber));
        observation.setEffective(new DateTimeType(assessment.completedOn().toString()));
        observation.setValue(new Quantity().setValue(value).setUnit("score").setSystem("http://unitsofmeasure.org")
                .setCode("{score}"));
        observation.addDerivedFrom(new Reference("QuestionnaireResponse/" + assessment.assessmentId()));
        return observation;
    }
}
