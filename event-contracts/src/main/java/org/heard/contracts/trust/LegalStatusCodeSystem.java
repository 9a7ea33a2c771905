package org.heard.contracts.trust;

/**
 * The UK Core code system a legal status code belongs to. The codes look alike (two digits) but mean different things
 * in England and in Wales, so a code never travels without its system.
 */
public enum LegalStatusCodeSystem {
    /** {@code https://fhir.hl7.org.uk/CodeSystem/UKCore-LegalStatusClassificationEngland} (Mental Health Act 1983). */
    ENGLAND,
    /** {@code https://fhir.hl7.org.uk/CodeSystem/UKCore-LegalStatusClassificationWales}. */
    WALES
}
