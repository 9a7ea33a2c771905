package org.heard.gateway.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.heard.gateway.inbox.Receipt;
import org.heard.gateway.notice.TrustNotice;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;

/**
 * FHIR R4 in: create or update of a Patient or an Encounter, or both in a transaction Bundle. Each is validated
 * against base R4 and its UK Core profile, stored in the inbox, and answered 201/200 only then; Heard applies it
 * after, in the order received. The answer is an OperationOutcome (the gateway is not a FHIR store: it keeps no
 * resource to return).
 */
final class NoticeProviders {

    private NoticeProviders() {
    }

    static final String STORED = "Stored by Heard; it is applied in the order received";
    static final String DUPLICATE = "Heard already has exactly this resource from this sender; nothing changes";

    static MethodOutcome outcome(IBaseResource resource, Receipt receipt, boolean create) {
        MethodOutcome outcome = new MethodOutcome();
        if (resource.getIdElement().hasIdPart()) {
            outcome.setId(new IdType(resource.fhirType(), resource.getIdElement().getIdPart()));
        }
        outcome.setOperationOutcome(Outcomes.information(receipt == Receipt.DUPLICATE ? DUPLICATE : STORED));
        outcome.setCreated(create && receipt == Receipt.STORED);
        return outcome;
    }

    /** Patient: who a trust's patient is. */
    static final class PatientProvider implements IResourceProvider {

        private final FhirIntake intake;

        PatientProvider(FhirIntake intake) {
            this.intake = intake;
        }

        @Override
        public Class<Patient> getResourceType() {
            return Patient.class;
        }

        /** Registers or updates a patient. */
        @Create
        public MethodOutcome create(@ResourceParam String body, RequestDetails request) {
            return receive(body, request, true);
        }

        @Update
        public MethodOutcome update(@IdParam IdType id, @ResourceParam String body, RequestDetails request) {
            return receive(body, request, false);
        }

        private MethodOutcome receive(String body, RequestDetails request, boolean create) {
            FhirIntake.Sender sender = intake.sender();
            Patient patient = intake.parse(body, request.getHeader("Content-Type"), Patient.class);
            intake.validate(patient, UkCore.PATIENT_PROFILE, null);
            TrustNotice notice = intake.patientNotice(patient, sender, "Patient");
            Receipt receipt = intake.store(List.of(notice), List.of(intake.canonical(patient))).get(0);
            return outcome(patient, receipt, create);
        }
    }

    /** Encounter: a stay, with the legal status extension. */
    static final class EncounterProvider implements IResourceProvider {

        private final FhirIntake intake;

        EncounterProvider(FhirIntake intake) {
            this.intake = intake;
        }

        @Override
        public Class<Encounter> getResourceType() {
            return Encounter.class;
        }

        /** An encounter whose subject names the patient by NHS number. */
        @Create
        public MethodOutcome create(@ResourceParam String body, RequestDetails request) {
            return receive(body, request, true);
        }

        @Update
        public MethodOutcome update(@IdParam IdType id, @ResourceParam String body, RequestDetails request) {
            return receive(body, request, false);
        }

        private MethodOutcome receive(String body, RequestDetails request, boolean create) {
            FhirIntake.Sender sender = intake.sender();
            Encounter encounter = intake.parse(body, request.getHeader("Content-Type"), Encounter.class);
            intake.validate(encounter, UkCore.ENCOUNTER_PROFILE, null);
            TrustNotice notice = intake.encounterNotice(encounter, intake.subjectOf(encounter, "Encounter"), sender,
                    "Encounter");
            Receipt receipt = intake.store(List.of(notice), List.of(intake.canonical(encounter))).get(0);
            return outcome(encounter, receipt, create);
        }
    }

    /** A transaction Bundle of Patients and the Encounters that reference them. */
    static final class TransactionProvider {

        private final FhirIntake intake;

        TransactionProvider(FhirIntake intake) {
            this.intake = intake;
        }

        /** Every entry is validated first; then all are stored; the response names each entry's outcome. */
        @Transaction
        public Bundle transaction(@TransactionParam Bundle bundle) {
            FhirIntake.Sender sender = intake.sender();
            Map<String, TrustNotice.Patient> patients = new HashMap<>();
            int size = bundle.getEntry().size();
            TrustNotice[] notices = new TrustNotice[size];
            String[] contents = new String[size];
            for (int i = 0; i < size; i++) {
                Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
                String path = "Bundle.entry[" + i + "].resource";
                if (entry.getResource() instanceof Patient patient) {
                    intake.validate(patient, UkCore.PATIENT_PROFILE, path);
                    TrustNotice notice = intake.patientNotice(patient, sender, path);
                    patients.put(entry.getFullUrl(), notice.patient());
                    if (patient.getIdElement().hasIdPart()) {
                        patients.put("Patient/" + patient.getIdElement().getIdPart(), notice.patient());
                    }
                    notices[i] = notice;
                    contents[i] = intake.canonical(patient);
                } else if (!(entry.getResource() instanceof Encounter)) {
                    throw Outcomes.unprocessable(intake.fhir, path,
                            "a transaction holds only Patient and Encounter resources");
                }
            }
            for (int i = 0; i < size; i++) {
                Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
                String path = "Bundle.entry[" + i + "].resource";
                if (entry.getResource() instanceof Encounter encounter) {
                    intake.validate(encounter, UkCore.ENCOUNTER_PROFILE, path);
                    String reference = encounter.getSubject().getReference();
                    TrustNotice.Patient patient = reference == null ? null : patients.get(reference);
                    if (patient == null) {
                        patient = intake.subjectOf(encounter, path);
                    }
                    notices[i] = intake.encounterNotice(encounter, patient, sender, path);
                    contents[i] = intake.canonical(encounter);
                }
            }
            // Patients are stored before the Encounters that name them, so they are applied first.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                if (bundle.getEntry().get(i).getResource() instanceof Patient) {
                    order.add(i);
                }
            }
            for (int i = 0; i < size; i++) {
                if (bundle.getEntry().get(i).getResource() instanceof Encounter) {
                    order.add(i);
                }
            }
            List<Receipt> stored = intake.store(order.stream().map(i -> notices[i]).toList(),
                    order.stream().map(i -> contents[i]).toList());
            Receipt[] receipts = new Receipt[size];
            for (int k = 0; k < order.size(); k++) {
                receipts[order.get(k)] = stored.get(k);
            }
            Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
            for (int i = 0; i < size; i++) {
                boolean fresh = receipts[i] == Receipt.STORED;
                response.addEntry().getResponse().setStatus(fresh ? "201 Created" : "200 OK")
                        .setOutcome(Outcomes.information(fresh ? STORED : DUPLICATE));
            }
            return response;
        }
    }
}
