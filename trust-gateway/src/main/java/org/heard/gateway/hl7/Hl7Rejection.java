package org.heard.gateway.hl7;

import ca.uhn.hl7v2.ErrorCode;

/**
 * Content Heard will never accept as it is: answered AE with an ERR segment naming the segment, field and HL7 error
 * code. The message names the rule broken and never the rejected value, which may be personal data.
 */
public class Hl7Rejection extends RuntimeException {

    private final ErrorCode code;
    private final String segment;
    private final int field;

    public Hl7Rejection(ErrorCode code, String segment, int field, String message) {
        super(message);
        this.code = code;
        this.segment = segment;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    public String segment() {
        return segment;
    }

    public int field() {
        return field;
    }

    /** Where, as HL7 writes it: {@code PID-3}, or the segment alone. */
    public String location() {
        return segment == null ? "message" : field > 0 ? segment + "-" + field : segment;
    }
}
