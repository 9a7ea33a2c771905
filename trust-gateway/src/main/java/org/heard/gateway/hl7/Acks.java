package org.heard.gateway.hl7;

import java.io.IOException;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;

/**
 * Acknowledgements in original mode, made by HAPI from the message they answer (so MSA-2 is always its MSH-10): AA
 * once the message is stored, AE with an ERR segment for content Heard will never accept, AR for trouble on Heard's
 * side that a resend of the unchanged message can get past. The answer uses the message's own character set
 * (MSH-18), and its texts name rules and places, never values.
 */
final class Acks {

    /** The text of an AR: what the sender should do. */
    static final String RESEND = "Heard could not store the message just now; send it again unchanged";

    private Acks() {
    }

    static Message accept(Message message) throws HL7Exception, IOException {
        return charset(message, message.generateACK());
    }

    static Message error(Message message, Hl7Rejection rejection) throws HL7Exception, IOException {
        HL7Exception error = new HL7Exception(rejection.location() + " " + rejection.getMessage(), rejection.code());
        Location location = new Location();
        if (rejection.segment() != null) {
            location = location.withSegmentName(rejection.segment());
        }
        if (rejection.field() > 0) {
            location = location.withField(rejection.field());
        }
        error.setLocation(location);
        return charset(message, message.generateACK(AcknowledgmentCode.AE, error));
    }

    static Message reject(Message message) throws HL7Exception, IOException {
        return charset(message, message.generateACK(AcknowledgmentCode.AR,
                new HL7Exception(RESEND, ErrorCode.APPLICATION_INTERNAL_ERROR)));
    }

    private static Message charset(Message in, Message ack) throws HL7Exception {
        String charset = Terser.get((Segment) in.get("MSH"), 18, 0, 1, 1);
        if (charset != null && !charset.isBlank()) {
            Terser.set((Segment) ack.get("MSH"), 18, 0, 1, 1, charset);
        }
        return ack;
    }
}
