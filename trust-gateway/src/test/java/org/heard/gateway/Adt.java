package org.heard.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic HL7 v2.5 ADT messages for tests, written as a trust's PAS would write them: NHS number in PID-3 with
 * assigning authority NHS, a hospital number beside it, PV1 with ward and visit number, and the legal status where the
 * sender's mapping says. Built by hand on purpose: these are the bytes a sender puts on the wire.
 */
public final class Adt {

    private final String facility;
    private final String trigger;
    private final String controlId;
    private String nhsNumber;
    private String hospitalNumber;
    private String family = "Synthetic";
    private String given = "Alex";
    private String dateOfBirth = "19800101";
    private String sex = "M";
    private String ethnic = "N";
    private String ward = "WILLOW";
    private String site = "SYNTH01";
    private String visit = "V0001";
    private String admitted = "20260302091500";
    private String discharged = "";
    private String charset = "";
    private String eventTime = "20260302091500";
    private final List<String> extra = new ArrayList<>();
    private String mrg;

    private Adt(String facility, String trigger, String controlId) {
        this.facility = facility;
        this.trigger = trigger;
        this.controlId = controlId;
    }

    public static Adt of(String facility, String trigger, String controlId) {
        return new Adt(facility, trigger, controlId);
    }

    public Adt nhs(String nhsNumber) {
        this.nhsNumber = nhsNumber;
        return this;
    }

    public Adt hospitalNumber(String value) {
        this.hospitalNumber = value;
        return this;
    }

    public Adt name(String given, String family) {
        this.given = given;
        this.family = family;
        return this;
    }

    public Adt ward(String ward) {
        this.ward = ward;
        return this;
    }

    public Adt visit(String visit) {
        this.visit = visit;
        return this;
    }

    public Adt ethnic(String ethnic) {
        this.ethnic = ethnic;
        return this;
    }

    public Adt discharged(String time) {
        this.discharged = time;
        return this;
    }

    public Adt at(String eventTime) {
        this.eventTime = eventTime;
        return this;
    }

    /** MSH-18, e.g. {@code 8859/1} or {@code UNICODE UTF-8}. */
    public Adt charset(String charset) {
        this.charset = charset;
        return this;
    }

    /** Heard's documented Z-segment: {@code ZLS|1|<code>^<text>^<system>|<started>}. */
    public Adt zls(String code, String system, String started) {
        extra.add("ZLS|1|" + code + "^^" + system + "|" + started);
        return this;
    }

    /** An OBX carrying the trust's own legal status code (mapping obx-mha). */
    public Adt obx(String localCode, String started) {
        extra.add("OBX|1|CE|MHA-LS^Mental Health Act legal status^L||" + localCode + "^^L||||||F|||" + started);
        return this;
    }

    /** For A40: the prior patient's identifiers. */
    public Adt merging(String priorNhs, String priorHospitalNumber) {
        List<String> ids = new ArrayList<>();
        if (priorNhs != null) {
            ids.add(priorNhs + "^^^NHS^NH");
        }
        if (priorHospitalNumber != null) {
            ids.add(priorHospitalNumber + "^^^SYNTH^MR");
        }
        this.mrg = "MRG|" + String.join("~", ids);
        return this;
    }

    public String er7() {
        List<String> ids = new ArrayList<>();
        if (nhsNumber != null) {
            ids.add(nhsNumber + "^^^NHS^NH");
        }
        if (hospitalNumber != null) {
            ids.add(hospitalNumber + "^^^SYNTH^MR");
        }
        String structure = switch (trigger) {
            case "A01", "A04", "A08", "A13" -> "ADT_A01";
            case "A02" -> "ADT_A02";
            case "A03" -> "ADT_A03";
            case "A11" -> "ADT_A09";
            case "A21", "A22" -> "ADT_A21";
            case "A28", "A31" -> "ADT_A05";
            case "A40" -> "ADT_A39";
            default -> "ADT_A01";
        };
        List<String> segments = new ArrayList<>();
        segments.add("MSH|^~\\&|PAS|" + facility + "|HEARD|HEARD|" + eventTime + "||ADT^" + trigger + "^" + structure
                + "|" + controlId + "|P|2.5|||AL|NE||" + charset);
        segments.add("EVN|" + trigger + "|" + eventTime);
        segments.add("PID|1||" + String.join("~", ids) + "||" + family + "^" + given + "||" + dateOfBirth + "|" + sex
                + "||||||||||||||" + ethnic);
        if (mrg != null) {
            segments.add(mrg);
        }
        segments.add("PV1|1|I|" + ward + "^^^" + site + "||||||||||||||||" + visit + "|||||||||||||||||||||||||"
                + admitted + "|" + discharged);
        segments.addAll(extra);
        return String.join("\r", segments) + "\r";
    }
}
