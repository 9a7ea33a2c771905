package org.heard.gateway.hl7;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.primitive.CommonTS;

/** HL7 v2 times (TS/DTM) as instants: HAPI reads the value; a value without an offset is in the sender's zone. */
final class Hl7Times {

    private Hl7Times() {
    }

    /** The instant, or null for an empty value. */
    static Instant instant(String value, ZoneId zone, String segment, int field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        CommonTS ts = parse(value, segment, field);
        LocalDateTime local = LocalDateTime.of(ts.getYear(), Math.max(ts.getMonth(), 1), Math.max(ts.getDay(), 1),
                ts.getHour(), ts.getMinute(), ts.getSecond());
        if (hasOffset(value)) {
            int offset = ts.getGMTOffset();
            return local.toInstant(ZoneOffset.ofHoursMinutes(offset / 100, offset % 100));
        }
        return local.atZone(zone).toInstant();
    }

    /** The date, or null for an empty value. */
    static LocalDate date(String value, String segment, int field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        CommonTS ts = parse(value, segment, field);
        if (ts.getMonth() == 0 || ts.getDay() == 0) {
            throw new Hl7Rejection(ErrorCode.DATA_TYPE_ERROR, segment, field, "must be a full date (YYYYMMDD)");
        }
        return LocalDate.of(ts.getYear(), ts.getMonth(), ts.getDay());
    }

    private static CommonTS parse(String value, String segment, int field) {
        try {
            return new CommonTS(value.trim());
        } catch (DataTypeException | RuntimeException e) {
            throw new Hl7Rejection(ErrorCode.DATA_TYPE_ERROR, segment, field, "must be an HL7 time (YYYYMMDDHHMMSS+ZZZZ)");
        }
    }

    private static boolean hasOffset(String value) {
        String v = value.trim();
        return v.length() > 8 && (v.indexOf('+', 8) > 0 || v.indexOf('-', 8) > 0);
    }
}
