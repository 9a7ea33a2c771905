package org.heard.gateway.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.heard.contracts.trust.TrustProtocol;
import org.heard.gateway.notice.NoticeKind;
import org.heard.gateway.notice.TrustNotice;
import org.heard.gateway.notice.TrustNotice.Identifier;
import org.heard.gateway.notice.TrustNotice.LegalStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.heard.kit.privacy.NhsNumber;

import ca.uhn.fhir.context.FhirContext;

/**
 * Reads UK Core Patient and Encounter resources as notices: the NHS number from the identifier with system
 * {@code https://fhir.nhs.uk/Id/nhs-number}, the ethnic category extension, the Encounter's status, period, location,
 * and its legal status extension (the discharge context once the Encounter is finished, else the admission one).
 * What breaks a rule answers 422 naming the element.
 */
final class FhirReader {

    private static final Set<String> ETHNIC_CATEGORIES = Set.of("A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L",
            "M", "N", "P", "R", "S", "Z", "99");

    private final FhirContext fhir;
    private final UkCore ukCore;

    FhirReader(FhirContext fhir, UkCore ukCore) {
        this.fhir = fhir;
        this.ukCore = ukCore;
    }

    /** The person, from a Patient. {@code path} is the resource's FHIRPath root (e.g. {@code Bundle.entry[0].resource}). */
    TrustNotice.Patient patient(Patient patient, String path) {
        String nhsNumber = null;
        List<Identifier> local = new ArrayList<>();
        for (int i = 0; i < patient.getIdentifier().size(); i++) {
            var identifier = patient.getIdentifier().get(i);
            if (UkCore.NHS_NUMBER_SYSTEM.equals(identifier.getSystem())) {
                if (!NhsNumber.isValid(identifier.getValue())) {
                    throw Outcomes.unprocessable(fhir, path + ".identifier[" + i + "].value",
                            "is not a valid NHS number (10 digits, Modulus 11)");
                }
                nhsNumber = NhsNumber.normalise(identifier.getValue());
            } else if (identifier.hasValue() && identifier.hasSystem()) {
                local.add(new Identifier(identifier.getSystem(), null, identifier.getValue()));
            }
        }
        if (nhsNumber == null && local.isEmpty()) {
            throw Outcomes.unprocessable(fhir, path + ".identifier", "an identifier (the NHS number) is required");
        }
        HumanName name = patient.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .orElse(patient.getNameFirstRep());
        if (!name.hasFamily() && !name.hasGiven()) {
            throw Outcomes.unprocessable(fhir, path + ".name", "a name is required");
        }
        String sex = switch (patient.hasGender() ? patient.getGender() : org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.NULL) {
            case FEMALE -> "F";
            case MALE -> "M";
            case OTHER -> "O";
            case UNKNOWN -> "U";
            default -> null;
        };
        String ethnic = null;
        Extension ethnicity = patient.getExtensionByUrl(UkCore.ETHNIC_CATEGORY_EXTENSION);
        if (ethnicity != null && ethnicity.getValue() instanceof CodeableConcept concept) {
            String code = concept.getCodingFirstRep().getCode();
            ethnic = code != null && ETHNIC_CATEGORIES.contains(code) ? code : null;
        }
        LocalDate birthDate = patient.hasBirthDate()
                ? LocalDate.ofInstant(patient.getBirthDate().toInstant(), ZoneId.of("Europe/London")) : null;
        return new TrustNotice.Patient(nhsNumber, local, name.getGivenAsSingleString().isBlank() ? null
                : name.getGivenAsSingleString(), name.getFamily(), birthDate, sex, ethnic);
    }

    /** A notice of an Encounter, for the person given (from its subject, or the Patient beside it in a Bundle). */
    TrustNotice encounter(Encounter encounter, TrustNotice.Patient patient, String path, String sender,
                          String organisation, String messageId, Instant receivedAt) {
        NoticeKind kind = switch (encounter.getStatus()) {
            case ARRIVED, TRIAGED, INPROGRESS -> NoticeKind.ADMISSION;
            case ONLEAVE -> NoticeKind.LEAVE_STARTED;
            case FINISHED -> NoticeKind.DISCHARGE;
            case CANCELLED, ENTEREDINERROR -> NoticeKind.ADMISSION_CANCELLED;
            default -> NoticeKind.PERSON_DETAILS;
        };
        String stayId = encounter.hasIdentifier() ? encounter.getIdentifierFirstRep().getValue()
                : encounter.getIdElement().getIdPart();
        Instant admitted = encounter.getPeriod().hasStart() ? encounter.getPeriod().getStart().toInstant() : null;
        Instant discharged = encounter.getPeriod().hasEnd() ? encounter.getPeriod().getEnd().toInstant() : null;
        String site = encounter.getServiceProvider().hasIdentifier()
                ? encounter.getServiceProvider().getIdentifier().getValue() : null;
        String ward = encounter.hasLocation() ? encounter.getLocationFirstRep().getLocation().getDisplay() : null;
        TrustNotice.Stay stay = kind == NoticeKind.PERSON_DETAILS ? null
                : new TrustNotice.Stay(stayId, site, ward, admitted, discharged);
        LegalStatus legalStatus = kind == NoticeKind.PERSON_DETAILS ? null
                : legalStatus(encounter, path, kind == NoticeKind.DISCHARGE ? "discharge" : "admission", admitted);
        Instant occurredAt = encounter.getMeta().hasLastUpdated() ? encounter.getMeta().getLastUpdated().toInstant()
                : kind == NoticeKind.DISCHARGE && discharged != null ? discharged
                : admitted != null && kind == NoticeKind.ADMISSION ? admitted : receivedAt;
        return new TrustNotice(TrustProtocol.FHIR, sender, messageId, "FHIR Encounter", kind, organisation,
                occurredAt, receivedAt, patient, stay, legalStatus, List.of(), null);
    }

    private LegalStatus legalStatus(Encounter encounter, String path, String wanted, Instant admitted) {
        LegalStatus chosen = null;
        List<Extension> extensions = encounter.getExtension();
        for (int i = 0; i < extensions.size(); i++) {
            Extension extension = extensions.get(i);
            if (!UkCore.LEGAL_STATUS_EXTENSION.equals(extension.getUrl())) {
                continue;
            }
            String at = path + ".extension[" + i + "]";
            String context = null;
            Coding classification = null;
            int classificationIndex = -1;
            for (int j = 0; j < extension.getExtension().size(); j++) {
                Extension part = extension.getExtension().get(j);
                if ("legalStatusContext".equals(part.getUrl()) && part.getValue() instanceof CodeableConcept c) {
                    context = c.getCodingFirstRep().getCode();
                } else if ("legalStatusClassification".equals(part.getUrl()) && part.getValue() instanceof CodeableConcept c) {
                    classification = c.getCodingFirstRep();
                    classificationIndex = j;
                }
            }
            if (classification == null) {
                throw Outcomes.unprocessable(fhir, at, "the legal status classification is required");
            }
            LegalStatusCodeSystem system = UkCore.systemOf(classification.getSystem());
            String codingPath = at + ".extension[" + classificationIndex + "].value.ofType(CodeableConcept).coding[0]";
            if (system == null || !ukCore.isLegalStatusCode(system, classification.getCode())) {
                throw Outcomes.unprocessable(fhir, codingPath,
                        "is not a code of the UK Core England or Wales legal status classification");
            }
            LegalStatus status = new LegalStatus(classification.getCode(), system,
                    "admission".equals(context) ? admitted : null);
            if (wanted.equals(context) || chosen == null) {
                chosen = status;
            }
        }
        return chosen;
    }
}
