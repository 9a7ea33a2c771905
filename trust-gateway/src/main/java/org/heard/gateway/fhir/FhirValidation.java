package org.heard.gateway.fhir;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;

/**
 * HAPI's instance validator against base R4 and the UK Core profiles the gateway keeps, with their code systems and
 * value sets checked in memory (no terminology server is needed or called). Errors become an OperationOutcome that
 * names each element by its FHIRPath location and the kind of rule broken, never the value found there.
 */
public final class FhirValidation {

    private final FhirValidator validator;

    public FhirValidation(FhirContext fhir, UkCore ukCore) {
        PrePopulatedValidationSupport ukCoreSupport = new PrePopulatedValidationSupport(fhir);
        ukCore.resources().forEach(ukCoreSupport::addResource);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                ukCoreSupport,
                new SnapshotGeneratingValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir));
        FhirInstanceValidator instance = new FhirInstanceValidator(chain);
        this.validator = fhir.newValidator().registerValidatorModule(instance);
    }

    /** The errors of a resource against base R4 and, when given, a profile; empty when it is valid. */
    public List<OperationOutcome.OperationOutcomeIssueComponent> errors(IBaseResource resource, String profile) {
        ValidationOptions options = new ValidationOptions();
        if (profile != null) {
            options.addProfile(profile);
        }
        ValidationResult result = validator.validateWithResult(resource, options);
        List<OperationOutcome.OperationOutcomeIssueComponent> issues = new ArrayList<>();
        for (SingleValidationMessage message : result.getMessages()) {
            if (message.getSeverity() == ResultSeverityEnum.ERROR || message.getSeverity() == ResultSeverityEnum.FATAL) {
                issues.add(Outcomes.issue(OperationOutcome.IssueType.INVALID, message.getLocationString(),
                        Outcomes.ruleOf(message.getMessageId())));
            }
        }
        return issues;
    }

    /**
     * Loads base R4 and makes the UK Core snapshots (some seconds, once) so that the first resource a trust sends is
     * not the one that waits for it.
     */
    public void warmUp() {
        errors(new org.hl7.fhir.r4.model.Patient(), UkCore.PATIENT_PROFILE);
        errors(new org.hl7.fhir.r4.model.Encounter(), UkCore.ENCOUNTER_PROFILE);
    }

    /** Validation messages of every severity, as the validator wrote them (for tests of Heard's own resources). */
    public List<SingleValidationMessage> messages(IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages();
    }
}
