package org.heard.contracts.cases;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of England and Wales Mental Health Act legal status codes Heard accepts (the Mental Health Services
 * Data Set's legal status classification), for every service: whether each makes a person a qualifying patient for
 * IMHA (Mental Health Act 1983 s130C: liable to be detained except under the short-term holding powers, on a community
 * treatment order, conditionally discharged, or under guardianship), and the group analysts see. Check new codes
 * against the NHS Data Dictionary before adding them.
 */
public final class LegalStatusCodes {

    /** The groups of legal status in the cohort views. */
    public enum Group {
        /** Informal (voluntary) patients. */
        INFORMAL,
        /** Detained, or held under a short-term or place-of-safety power. */
        DETAINED,
        /** In the community under the Act: community treatment order, conditional discharge, guardianship. */
        COMMUNITY
    }

    /** One code. */
    public record LegalStatus(String code, String description, boolean qualifying, Group group) {
    }

    private static final Map<String, LegalStatus> CODES = new LinkedHashMap<>();

    static {
        add("01", "Informal", false, Group.INFORMAL);
        add("02", "Section 2 (assessment)", true, Group.DETAINED);
        add("03", "Section 3 (treatment)", true, Group.DETAINED);
        add("04", "Section 4 (emergency admission)", false, Group.DETAINED);
        add("05", "Section 5(2) (doctor's holding power)", false, Group.DETAINED);
        add("06", "Section 5(4) (nurse's holding power)", false, Group.DETAINED);
        add("07", "Section 35 (remand for report)", true, Group.DETAINED);
        add("08", "Section 36 (remand for treatment)", true, Group.DETAINED);
        add("09", "Section 37 with section 41 restrictions", true, Group.DETAINED);
        add("10", "Section 37 (hospital order)", true, Group.DETAINED);
        add("12", "Section 38 (interim hospital order)", true, Group.DETAINED);
        add("15", "Section 47 with section 49 restrictions", true, Group.DETAINED);
        add("16", "Section 47 (transfer of sentenced prisoner)", true, Group.DETAINED);
        add("17", "Section 48 with section 49 restrictions", true, Group.DETAINED);
        add("18", "Section 48 (transfer of unsentenced prisoner)", true, Group.DETAINED);
        add("19", "Section 135 (place of safety, warrant)", false, Group.DETAINED);
        add("20", "Section 136 (place of safety, police)", false, Group.DETAINED);
        add("35", "Community treatment order (section 17A)", true, Group.COMMUNITY);
        add("36", "Conditional discharge", true, Group.COMMUNITY);
        add("38", "Guardianship (section 7)", true, Group.COMMUNITY);
    }

    private LegalStatusCodes() {
    }

    private static void add(String code, String description, boolean qualifying, Group group) {
        CODES.put(code, new LegalStatus(code, description, qualifying, group));
    }

    public static Optional<LegalStatus> find(String code) {
        return Optional.ofNullable(code == null ? null : CODES.get(code));
    }

    public static Map<String, LegalStatus> all() {
        return Map.copyOf(CODES);
    }
}
