package org.heard.gateway.hl7;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.heard.contracts.trust.TrustProtocol;
import org.heard.gateway.GatewayProperties;
import org.heard.gateway.GatewayProperties.LegalStatusMapping;
import org.heard.gateway.GatewayProperties.Sender;
import org.heard.gateway.fhir.UkCore;
import org.heard.gateway.notice.NoticeKind;
import org.heard.gateway.notice.TrustNotice;
import org.heard.gateway.notice.TrustNotice.Identifier;
import org.heard.gateway.notice.TrustNotice.LegalStatus;
import org.heard.gateway.notice.TrustNotice.Patient;
import org.heard.gateway.notice.TrustNotice.Stay;
import org.heard.kit.privacy.NhsNumber;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;

/**
 * Reads an ADT message (parsed by HAPI into v2.5 structures, whatever version it declared) as a {@link TrustNotice}:
 * MSH for the sender and message id, EVN for when, PID for who, PV1 for the stay, MRG for a merge, and the legal
 * status where the sender's mapping says. Content Heard will never accept throws {@link Hl7Rejection}.
 */
final class AdtReader {

    /** The trigger events the gateway accepts, and what each means. */
    static final Map<String, NoticeKind> TRIGGERS = Map.ofEntries(
            Map.entry("A01", NoticeKind.ADMISSION), Map.entry("A02", NoticeKind.TRANSFER),
            Map.entry("A03", NoticeKind.DISCHARGE), Map.entry("A04", NoticeKind.REGISTRATION),
            Map.entry("A08", NoticeKind.UPDATE), Map.entry("A11", NoticeKind.ADMISSION_CANCELLED),
            Map.entry("A13", NoticeKind.DISCHARGE_CANCELLED), Map.entry("A21", NoticeKind.LEAVE_STARTED),
            Map.entry("A22", NoticeKind.LEAVE_ENDED), Map.entry("A28", NoticeKind.PERSON_DETAILS),
            Map.entry("A31", NoticeKind.PERSON_DETAILS), Map.entry("A40", NoticeKind.MERGE));

    private static final Set<String> ETHNIC_CATEGORIES = Set.of("A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L",
            "M", "N", "P", "R", "S", "Z", "99");

    private final GatewayProperties properties;
    private final UkCore ukCore;

    AdtReader(GatewayProperties properties, UkCore ukCore) {
        this.properties = properties;
        this.ukCore = ukCore;
    }

    /** The sending facility (MSH-4), which names the sender's configuration. */
    static String sendingFacility(Message message) {
        return Segments.get(Segments.first(message, "MSH"), 4, 1);
    }

    TrustNotice read(Message message, Instant receivedAt) {
        Segment msh = Segments.first(message, "MSH");
        String facility = Segments.get(msh, 4, 1);
        if (facility == null) {
            throw new Hl7Rejection(ErrorCode.REQUIRED_FIELD_MISSING, "MSH", 4, "the sending facility is required");
        }
        Sender sender = properties.senders().get(facility);
        if (sender == null) {
            throw new Hl7Rejection(ErrorCode.APPLICATION_INTERNAL_ERROR, "MSH", 4,
                    "this sending facility is not configured in Heard");
        }
        String controlId = Segments.get(msh, 10, 1);
        if (controlId == null) {
            throw new Hl7Rejection(ErrorCode.REQUIRED_FIELD_MISSING, "MSH", 10, "the message control id is required");
        }
        String processing = Segments.get(msh, 11, 1);
        if (processing != null && !processing.equals("P")) {
            throw new Hl7Rejection(ErrorCode.UNSUPPORTED_PROCESSING_ID, "MSH", 11,
                    "only production messages (P) are accepted");
        }
        if (!"ADT".equals(Segments.get(msh, 9, 1))) {
            throw new Hl7Rejection(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "MSH", 9, "only ADT messages are accepted");
        }
        String trigger = Segments.get(msh, 9, 2);
        NoticeKind kind = trigger == null ? null : TRIGGERS.get(trigger);
        if (kind == null) {
            throw new Hl7Rejection(ErrorCode.UNSUPPORTED_EVENT_CODE, "MSH", 9, "this trigger event is not accepted");
        }
        ZoneId zone = sender.zone();

        Segment evn = Segments.first(message, "EVN");
        Instant occurredAt = first(Hl7Times.instant(Segments.get(evn, 6, 1), zone, "EVN", 6),
                Hl7Times.instant(Segments.get(evn, 2, 1), zone, "EVN", 2),
                Hl7Times.instant(Segments.get(msh, 7, 1), zone, "MSH", 7), receivedAt);

        Segment pid = Segments.first(message, "PID");
        if (pid == null) {
            throw new Hl7Rejection(ErrorCode.SEGMENT_SEQUENCE_ERROR, "PID", 0, "the PID segment is required");
        }
        Patient patient = patient(pid, sender);

        Stay stay = null;
        Segment pv1 = Segments.first(message, "PV1");
        if (pv1 != null) {
            stay = new Stay(Segments.get(pv1, 19, 1),
                    first(Segments.get(pv1, 3, 4), Segments.get(pv1, 39, 1)),
                    Segments.get(pv1, 3, 1),
                    Hl7Times.instant(Segments.get(pv1, 44, 1), zone, "PV1", 44),
                    Hl7Times.instant(Segments.get(pv1, 45, 1), zone, "PV1", 45));
        }

        LegalStatusMapping mapping = properties.mappings().get(sender.legalStatus());
        if (mapping == null) {
            throw new IllegalStateException("sender " + facility + " names legal status mapping "
                    + sender.legalStatus() + ", which is not configured");
        }
        LegalStatus legalStatus = LegalStatusFields.read(message, sender.legalStatus(), mapping, sender.codeSystem(),
                zone, ukCore);

        List<Identifier> prior = List.of();
        if (kind == NoticeKind.MERGE) {
            Segment mrg = Segments.first(message, "MRG");
            prior = identifiers(mrg, 1, sender, "MRG");
            if (prior.isEmpty()) {
                throw new Hl7Rejection(ErrorCode.REQUIRED_FIELD_MISSING, "MRG", 1,
                        "a merge names the prior patient identifiers");
            }
        }
        return new TrustNotice(TrustProtocol.HL7V2, facility, controlId, "ADT^" + trigger, kind,
                sender.organisation(), occurredAt, receivedAt, patient, stay, legalStatus, prior, null);
    }

    private Patient patient(Segment pid, Sender sender) {
        List<Identifier> identifiers = identifiers(pid, 3, sender, "PID");
        if (identifiers.isEmpty()) {
            throw new Hl7Rejection(ErrorCode.REQUIRED_FIELD_MISSING, "PID", 3, "a patient identifier is required");
        }
        String nhsNumber = null;
        List<Identifier> local = new ArrayList<>();
        for (Identifier identifier : identifiers) {
            if (isNhs(identifier)) {
                nhsNumber = identifier.value();
            } else {
                local.add(identifier);
            }
        }
        String ethnic = Segments.get(pid, 22, 1);
        return new Patient(nhsNumber, local, Segments.get(pid, 5, 2), Segments.get(pid, 5, 1),
                Hl7Times.date(Segments.get(pid, 7, 1), "PID", 7), Segments.get(pid, 8, 1),
                ethnic != null && ETHNIC_CATEGORIES.contains(ethnic) ? ethnic : null);
    }

    private List<Identifier> identifiers(Segment segment, int field, Sender sender, String name) {
        List<Identifier> identifiers = new ArrayList<>();
        for (int rep = 0; rep < Segments.repetitions(segment, field); rep++) {
            String value = Segments.get(segment, field, rep, 1, 1);
            if (value == null) {
                continue;
            }
            String authority = Segments.get(segment, field, rep, 4, 1);
            Identifier identifier = new Identifier(authority == null ? sender.organisation() : authority,
                    Segments.get(segment, field, rep, 5, 1), value);
            if (isNhs(identifier)) {
                if (!NhsNumber.isValid(value)) {
                    throw new Hl7Rejection(ErrorCode.DATA_TYPE_ERROR, name, field,
                            "is not a valid NHS number (10 digits, Modulus 11)");
                }
                identifier = new Identifier(identifier.authority(), identifier.type(), NhsNumber.normalise(value));
            }
            identifiers.add(identifier);
        }
        return identifiers;
    }

    private boolean isNhs(Identifier identifier) {
        return properties.nhsNumber().authorities().contains(identifier.authority())
                || (identifier.type() != null && properties.nhsNumber().types().contains(identifier.type()));
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
