package org.heard.gateway.fhir;

import java.util.List;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;

/**
 * OperationOutcomes the gateway answers with. Each issue names the element (FHIRPath, e.g.
 * {@code Encounter.extension[0].extension[1].value.ofType(CodeableConcept).coding[0]}) and the kind of rule broken;
 * the diagnostics never quote the value, which may be personal data.
 */
public final class Outcomes {

    private Outcomes() {
    }

    public static OperationOutcomeIssueComponent issue(IssueType type, String expression, String diagnostics) {
        OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent()
                .setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        if (expression != null) {
            issue.addExpression(expression);
        }
        return issue;
    }

    public static OperationOutcome of(List<OperationOutcomeIssueComponent> issues) {
        OperationOutcome outcome = new OperationOutcome();
        issues.forEach(outcome::addIssue);
        return outcome;
    }

    public static OperationOutcome information(String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                .setDiagnostics(text);
        return outcome;
    }

    /** 422: the resource breaks a rule and will never be accepted as it is. */
    public static UnprocessableEntityException unprocessable(FhirContext fhir, List<OperationOutcomeIssueComponent> issues) {
        return new UnprocessableEntityException(fhir, of(issues));
    }

    public static UnprocessableEntityException unprocessable(FhirContext fhir, String expression, String rule) {
        return unprocessable(fhir, List.of(issue(IssueType.INVALID, expression, rule)));
    }

    /** 503: Heard could not store it just now; send it again. */
    public static BaseServerResponseException unavailable() {
        OperationOutcome outcome = of(List.of(issue(IssueType.TRANSIENT, null,
                "Heard could not store the resource just now; send it again unchanged")));
        return new BaseServerResponseException(503, "Service unavailable", outcome) {
        };
    }

    /**
     * The kind of rule a validator message is about, from its message id (stable, and never carrying the value). The
     * id itself is appended so an integrator can look it up.
     */
    static String ruleOf(String messageId) {
        String id = messageId == null ? "" : messageId;
        String kind;
        if (id.startsWith("Terminology_") || id.contains("_NOVALID") || id.contains("CODE")) {
            kind = "the code is not one this element allows";
        } else if (id.contains("Minimum") || id.contains("Required") || id.contains("_MIN")) {
            kind = "a required element is missing (or occurs too few times)";
        } else if (id.contains("Maximum") || id.contains("_MAX")) {
            kind = "the element occurs too many times";
        } else if (id.startsWith("Type_Specific") || id.contains("FORMAT") || id.contains("_Invalid")) {
            kind = "the value does not have the format this element requires";
        } else if (id.startsWith("Extension_")) {
            kind = "the extension is not allowed here or is not well formed";
        } else {
            kind = "the element does not conform to the profile";
        }
        return id.isEmpty() ? kind : kind + " (" + id + ")";
    }
}
