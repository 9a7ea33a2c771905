package org.heard.gateway.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.heard.gateway.caseservice.CaseServiceClient;
import org.heard.gateway.caseservice.CaseServiceClient.PersonDetails;
import org.heard.gateway.caseservice.CaseServiceRefusal;
import org.heard.gateway.notice.TrustNotice;
import org.heard.gateway.notice.TrustNotice.Identifier;
import org.heard.gateway.notice.TrustNotice.Patient;

/**
 * Finds the person a notice is about, registering them in case-service when Heard has never heard of them. case-service
 * owns people and NHS-number lookups (its unique lookup decides who was first); the gateway remembers what it
 * resolved, and each trust's own hospital numbers, so that it asks once per person.
 */
public class PersonResolver {

    private final Identities identities;
    private final CaseServiceClient caseService;

    public PersonResolver(Identities identities, CaseServiceClient caseService) {
        this.identities = identities;
        this.caseService = caseService;
    }

    /** The person's pseudonymous id; {@code messageKey} makes the registration idempotent. */
    public String resolve(TrustNotice notice, String messageKey) {
        Patient patient = notice.patient();
        List<String> locals = new ArrayList<>();
        for (Identifier identifier : patient.localIdentifiers()) {
            locals.add(identities.ofLocal(notice.organisation(), identifier));
        }
        List<String> all = new ArrayList<>(locals);
        String personId;
        if (patient.nhsNumber() != null) {
            String nhs = identities.ofNhsNumber(patient.nhsNumber());
            all.add(0, nhs);
            personId = identities.find(nhs)
                    .or(() -> caseService.findByNhsNumber(patient.nhsNumber()))
                    .orElseGet(() -> register(patient, messageKey));
        } else {
            personId = identities.findAny(locals).orElseGet(() -> register(patient, messageKey));
        }
        identities.remember(all, personId);
        return personId;
    }

    /** The person these identifiers name, if Heard knows them (for the prior record of a merge). */
    public Optional<String> known(String organisation, List<Identifier> identifiers,
                                  java.util.function.Predicate<Identifier> isNhs) {
        for (Identifier identifier : identifiers) {
            Optional<String> found = isNhs.test(identifier)
                    ? identities.find(identities.ofNhsNumber(identifier.value()))
                            .or(() -> caseService.findByNhsNumber(identifier.value()))
                    : identities.find(identities.ofLocal(organisation, identifier));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private String register(Patient patient, String messageKey) {
        String name = String.join(" ", java.util.stream.Stream.of(patient.givenName(), patient.familyName())
                .filter(s -> s != null && !s.isBlank()).toList());
        String gender = "F".equals(patient.administrativeSex()) ? "WOMAN"
                : "M".equals(patient.administrativeSex()) ? "MAN" : null;
        PersonDetails details = new PersonDetails(name, patient.nhsNumber(), patient.birthDate(),
                patient.ethnicCategory(), gender);
        try {
            return caseService.register(details, "heard-gateway:register:" + messageKey);
        } catch (CaseServiceRefusal refusal) {
            if ("nhs-number-registered".equals(refusal.rule()) && patient.nhsNumber() != null) {
                return caseService.findByNhsNumber(patient.nhsNumber()).orElseThrow(() -> refusal);
            }
            throw refusal;
        }
    }
}
