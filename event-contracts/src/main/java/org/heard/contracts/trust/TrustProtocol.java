package org.heard.contracts.trust;

/** How an NHS trust's record system told Heard. */
public enum TrustProtocol {
    /** HL7 version 2 ADT over MLLP. */
    HL7V2,
    /** FHIR R4 (UK Core) over REST. */
    FHIR
}
