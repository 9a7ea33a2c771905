package org.heard.gateway;

import java.util.Date;

import org.heard.gateway.fhir.UkCore;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

/** Synthetic UK Core resources as a trust's FHIR server would send them. */
public final class FhirResources {

    public static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

    private FhirResources() {
    }

    public static Patient patient(String id, String nhsNumber, String given, String family) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addIdentifier().setSystem(UkCore.NHS_NUMBER_SYSTEM).setValue(nhsNumber);
        patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(family).addGiven(given);
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType("1990-05-01"));
        patient.addExtension(new Extension(UkCore.ETHNIC_CATEGORY_EXTENSION, new CodeableConcept(new Coding(
                "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland", "M",
                "Black or Black British - Caribbean"))));
        return patient;
    }

    /** An inpatient encounter in progress with a legal status on admission. */
    public static Encounter encounter(String id, String spell, String legalStatusSystem, String code, Date start) {
        Encounter encounter = new Encounter();
        encounter.setId(id);
        encounter.addIdentifier().setSystem("https://synthetic-trust.example/Id/spell").setValue(spell);
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP",
                "inpatient encounter"));
        encounter.getPeriod().setStart(start);
        encounter.getServiceProvider().getIdentifier().setSystem(ODS_SYSTEM).setValue("SYNTH");
        encounter.addLocation().getLocation().setDisplay("Rowan Ward");
        legalStatus(encounter, "admission", legalStatusSystem, code);
        return encounter;
    }

    public static Extension legalStatus(Encounter encounter, String context, String system, String code) {
        Extension status = new Extension(UkCore.LEGAL_STATUS_EXTENSION);
        status.addExtension("legalStatusContext", new CodeableConcept(new Coding(UkCore.LEGAL_STATUS_CONTEXT_SYSTEM,
                context, context.substring(0, 1).toUpperCase() + context.substring(1))));
        status.addExtension("legalStatusClassification", new CodeableConcept(new Coding(system, code, null)));
        encounter.addExtension(status);
        return status;
    }
}
