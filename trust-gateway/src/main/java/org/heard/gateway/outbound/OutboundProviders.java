package org.heard.gateway.outbound;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.heard.gateway.apply.Identities;
import org.heard.gateway.caseservice.CaseServiceClient;
import org.heard.gateway.fhir.Outcomes;
import org.heard.gateway.fhir.UkCore;
import org.heard.kit.privacy.NhsNumber;
import org.heard.kit.security.AuditTrail;
import org.heard.kit.security.Caller;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.springframework.security.core.context.SecurityContextHolder;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * FHIR R4 out, for the integration role only: framework versions as Questionnaires; and, for a person who has given
 * consent to sharing with the trust (and not withdrawn it, and not been erased), their completed assessments as
 * QuestionnaireResponses and scores as Observations, searched by the patient's NHS number
 * ({@code patient.identifier=https://fhir.nhs.uk/Id/nhs-number|<number>}) and date. Anyone else's search returns
 * an empty Bundle; every search that returns personal data is audited.
 */
public final class OutboundProviders {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private OutboundProviders() {
    }

    /** Who the search is about, and the person's assessments it may share. */
    static final class Sharing {

        private final FhirContext fhir;
        private final SharedRecords records;
        private final Identities identities;
        private final CaseServiceClient caseService;
        private final AuditTrail audit;

        Sharing(FhirContext fhir, SharedRecords records, Identities identities, CaseServiceClient caseService,
                AuditTrail audit) {
            this.fhir = fhir;
            this.records = records;
            this.identities = identities;
            this.caseService = caseService;
            this.audit = audit;
        }

        String nhsNumber(ReferenceParam patient) {
            String value = patient.getValue();
            String[] parts = value == null ? new String[0] : value.split("\\|", 2);
            if (!"identifier".equals(patient.getChain()) || parts.length != 2
                    || !UkCore.NHS_NUMBER_SYSTEM.equals(parts[0]) || !NhsNumber.isValid(parts[1])) {
                throw Outcomes.unprocessable(fhir, "patient.identifier",
                        "search by the patient's NHS number: patient.identifier=" + UkCore.NHS_NUMBER_SYSTEM
                                + "|<NHS number>");
            }
            return NhsNumber.normalise(parts[1]);
        }

        List<SharedRecords.Assessment> assessments(String nhsNumber, DateRangeParam dates, String kind) {
            Optional<String> personId = identities.find(identities.ofNhsNumber(nhsNumber))
                    .or(() -> caseService.findByNhsNumber(nhsNumber));
            if (personId.isEmpty() || !records.sharing(personId.get())) {
                return List.of();
            }
            LocalDate from = dates == null || dates.getLowerBoundAsInstant() == null ? null
                    : LocalDate.ofInstant(dates.getLowerBoundAsInstant().toInstant(), LONDON);
            LocalDate to = dates == null || dates.getUpperBoundAsInstant() == null ? null
                    : LocalDate.ofInstant(dates.getUpperBoundAsInstant().toInstant(), LONDON);
            List<SharedRecords.Assessment> found = records.assessments(personId.get(), from, to);
            if (!found.isEmpty()) {
                audit.personalDataRead(Caller.of(SecurityContextHolder.getContext().getAuthentication()),
                        "person/" + personId.get(), "sharing-with-trust:" + kind);
            }
            return found;
        }
    }

    /** Framework versions, published or retired (drafts are not shared). */
    public static final class QuestionnaireProvider implements IResourceProvider {

        private final SharedRecords records;

        public QuestionnaireProvider(SharedRecords records) {
            this.records = records;
        }

        @Override
        public Class<Questionnaire> getResourceType() {
            return Questionnaire.class;
        }

        /** {@code Questionnaire/<frameworkId>-v<version>}. */
        @Read
        public Questionnaire read(@IdParam IdType id) {
            String value = id.getIdPart();
            int at = value.lastIndexOf("-v");
            if (at > 0) {
                try {
                    int version = Integer.parseInt(value.substring(at + 2));
                    Optional<SharedRecords.Framework> framework = records.framework(value.substring(0, at), version);
                    if (framework.isPresent()) {
                        return SharedResources.questionnaire(framework.get());
                    }
                } catch (NumberFormatException ignored) {
                    // not one of Heard's ids
                }
            }
            throw new ResourceNotFoundException(id);
        }
    }

    /** Completed assessments of people sharing with the trust. */
    public static final class QuestionnaireResponseProvider implements IResourceProvider {

        private final Sharing sharing;

        QuestionnaireResponseProvider(Sharing sharing) {
            this.sharing = sharing;
        }

        @Override
        public Class<QuestionnaireResponse> getResourceType() {
            return QuestionnaireResponse.class;
        }

        @Search
        public List<QuestionnaireResponse> search(
                @RequiredParam(name = QuestionnaireResponse.SP_PATIENT, chainWhitelist = {"identifier"})
                ReferenceParam patient,
                @OptionalParam(name = QuestionnaireResponse.SP_AUTHORED) DateRangeParam authored) {
            String nhs = sharing.nhsNumber(patient);
            List<QuestionnaireResponse> found = new ArrayList<>();
            sharing.assessments(nhs, authored, "QuestionnaireResponse")
                    .forEach(a -> found.add(SharedResources.response(a, nhs)));
            return found;
        }
    }

    /** Total and subscale scores of people sharing with the trust. */
    public static final class ObservationProvider implements IResourceProvider {

        private final Sharing sharing;

        ObservationProvider(Sharing sharing) {
            this.sharing = sharing;
        }

        @Override
        public Class<Observation> getResourceType() {
            return Observation.class;
        }

        @Search
        public List<Observation> search(
                @RequiredParam(name = Observation.SP_PATIENT, chainWhitelist = {"identifier"}) ReferenceParam patient,
                @OptionalParam(name = Observation.SP_DATE) DateRangeParam date) {
            String nhs = sharing.nhsNumber(patient);
            List<Observation> found = new ArrayList<>();
            sharing.assessments(nhs, date, "Observation").forEach(a -> found.addAll(SharedResources.scores(a, nhs)));
            return found;
        }
    }

    /** The three providers, sharing one rule. */
    public static List<IResourceProvider> all(FhirContext fhir, SharedRecords records, Identities identities,
                                              CaseServiceClient caseService, AuditTrail audit) {
        Sharing sharing = new Sharing(fhir, records, identities, caseService, audit);
        return List.of(new QuestionnaireProvider(records), new QuestionnaireResponseProvider(sharing),
                new ObservationProvider(sharing));
    }
}
