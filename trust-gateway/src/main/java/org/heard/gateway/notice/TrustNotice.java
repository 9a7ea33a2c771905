package org.heard.gateway.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.heard.contracts.trust.OptOutKind;
import org.heard.contracts.trust.TrustProtocol;

/**
 * What a trust told Heard, in Heard's terms and independent of the protocol it came by: the canonical form the inbox
 * keeps (sealed) and the apply step works from. Every HL7 v2 ADT message and every FHIR interaction the gateway
 * accepts becomes exactly one notice.
 *
 * @param protocol     how it came
 * @param sender       the sending facility (MSH-4) or the FHIR client's token subject
 * @param messageId    the sender's id of the message (MSH-10), or for FHIR the resource and a digest of its content
 * @param messageType  e.g. {@code ADT^A01} or {@code FHIR Encounter}
 * @param kind         what happened
 * @param organisation the trust (ODS code) the sender speaks for, from the gateway's configuration
 * @param occurredAt   when it happened at the trust (EVN-2 / EVN-6, MSH-7, or the resource's period), never null
 * @param receivedAt   when it reached the gateway
 * @param patient      who it is about
 * @param stay         the hospital stay, or null when the message has none
 * @param legalStatus  the legal status the message carries, or null when it carries none
 * @param prior        for a merge: the identifiers of the record merged into {@code patient}; else empty
 * @param optOut       for an opt-out: how the person said no, and when; else null
 */
public record TrustNotice(TrustProtocol protocol, String sender, String messageId, String messageType, NoticeKind kind,
                          String organisation, Instant occurredAt, Instant receivedAt, Patient patient, Stay stay,
                          LegalStatus legalStatus, List<Identifier> prior, OptOut optOut) {

    public TrustNotice {
        prior = prior == null ? List.of() : List.copyOf(prior);
    }

    /** The NHS number of the patient, if the notice carries one. */
    public String nhsNumber() {
        return patient == null ? null : patient.nhsNumber();
    }

    /**
     * An identifier of the patient in a trust's system.
     *
     * @param authority the assigning authority (CX-4), e.g. {@code NHS} or the trust's own
     * @param type      the identifier type (CX-5), e.g. {@code NH} or {@code MR}, or null
     * @param value     the identifier
     */
    public record Identifier(String authority, String type, String value) {
        @Override
        public String toString() {
            return "Identifier[" + authority + "/" + type + "]";
        }
    }

    /**
     * The patient as the trust knows them. Personal data: never logged; sealed at rest.
     *
     * @param nhsNumber         the NHS number (ten digits, checked), or null when the trust has none
     * @param localIdentifiers  the trust's other identifiers (hospital numbers)
     * @param givenName         given names, or null
     * @param familyName        family name, or null
     * @param birthDate         date of birth, or null
     * @param administrativeSex HL7 table 0001 / FHIR administrative gender: F, M, O, U, or null
     * @param ethnicCategory    NHS ethnic category code (A–S, Z, 99), or null
     */
    public record Patient(String nhsNumber, List<Identifier> localIdentifiers, String givenName, String familyName,
                          LocalDate birthDate, String administrativeSex, String ethnicCategory) {
        public Patient {
            localIdentifiers = localIdentifiers == null ? List.of() : List.copyOf(localIdentifiers);
        }

        @Override
        public String toString() {
            return "Patient[…]";
        }
    }

    /**
     * A hospital stay.
     *
     * @param stayId       the trust's id of the stay (PV1-19 visit number, Encounter id), or null
     * @param site         the hospital site, or null
     * @param ward         the ward or unit, or null
     * @param admittedAt   admission time, or null
     * @param dischargedAt discharge time, or null
     */
    public record Stay(String stayId, String site, String ward, Instant admittedAt, Instant dischargedAt) {
    }

    /**
     * A legal status as the trust sent it, translated to a UK Core code.
     *
     * @param code       the two-digit UK Core legal status code
     * @param codeSystem England or Wales
     * @param startedAt  when the status began, or null when the message does not say
     */
    public record LegalStatus(String code, LegalStatusCodeSystem codeSystem, Instant startedAt) {
    }

    /**
     * A qualifying patient's opt-out or decline.
     *
     * @param kind       opted out or declined
     * @param recordedOn the date they said so
     */
    public record OptOut(OptOutKind kind, LocalDate recordedOn) {
    }
}
