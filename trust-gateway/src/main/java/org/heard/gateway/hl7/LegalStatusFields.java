package org.heard.gateway.hl7;

import java.time.ZoneId;

import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.heard.gateway.GatewayProperties.LegalStatusMapping;
import org.heard.gateway.fhir.UkCore;
import org.heard.gateway.notice.TrustNotice.LegalStatus;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;

/**
 * Reads the legal status from where a sender's mapping says it is, translates the sender's own codes, and checks the
 * result against the UK Core code system: a code that is not there is content Heard never accepts (AE, HL7 error 103,
 * naming the segment and field).
 */
final class LegalStatusFields {

    private LegalStatusFields() {
    }

    /** The legal status the message carries, or null when it carries none. */
    static LegalStatus read(Message message, String mappingName, LegalStatusMapping mapping,
                            LegalStatusCodeSystem senderSystem, ZoneId zone, UkCore ukCore) {
        Segment segment = null;
        for (Segment candidate : Segments.all(message, mapping.segment())) {
            if (mapping.whereField() == 0
                    || mapping.whereValue().equals(Segments.get(candidate, mapping.whereField(), 1))) {
                segment = candidate;
                break;
            }
        }
        if (segment == null) {
            return null;
        }
        String sent = Segments.get(segment, mapping.field(), mapping.component());
        if (sent == null) {
            return null;
        }
        String code = mapping.translations().isEmpty() ? sent : mapping.translations().get(sent);
        LegalStatusCodeSystem system = senderSystem;
        if (mapping.systemComponent() > 0) {
            String named = Segments.get(segment, mapping.field(), mapping.systemComponent());
            if (named != null) {
                system = systemNamed(named, mapping.segment(), mapping.field());
            }
        }
        if (code == null || !ukCore.isLegalStatusCode(system, code)) {
            throw new Hl7Rejection(ErrorCode.TABLE_VALUE_NOT_FOUND, mapping.segment(), mapping.field(),
                    "is not a legal status code of the UK Core " + system.name().toLowerCase()
                            + " classification (mapping " + mappingName + ")");
        }
        return new LegalStatus(code, system, mapping.startedField() == 0 ? null
                : Hl7Times.instant(Segments.get(segment, mapping.startedField(), 1), zone, mapping.segment(),
                mapping.startedField()));
    }

    private static LegalStatusCodeSystem systemNamed(String named, String segment, int field) {
        String upper = named.toUpperCase();
        if (upper.equals("UKCORE-ENGLAND") || named.equals(UkCore.ENGLAND_SYSTEM)) {
            return LegalStatusCodeSystem.ENGLAND;
        }
        if (upper.equals("UKCORE-WALES") || named.equals(UkCore.WALES_SYSTEM)) {
            return LegalStatusCodeSystem.WALES;
        }
        throw new Hl7Rejection(ErrorCode.TABLE_VALUE_NOT_FOUND, segment, field,
                "names a code system that is not a UK Core legal status classification");
    }
}
