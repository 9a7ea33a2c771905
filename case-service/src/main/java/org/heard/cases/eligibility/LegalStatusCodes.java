package org.heard.cases.eligibility;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * England and Wales Mental Health Act legal status codes (the Mental Health Services Data Set's legal status
 * classification) and whether each makes a person a qualifying patient for IMHA (Mental Health Act 1983 s130C):
 * liable to be detained (except the short-term holding powers), on a community treatment order, conditionally
 * discharged, or under guardianship. This is the subset Heard accepts; check new codes against the NHS Data
 * Dictionary before adding them.
 */
public final class LegalStatusCodes {

    /** One code. */
    public record LegalStatus(String code, String description, boolean qualifying) {
    }

    private static final Map<String, LegalStatus> CODES = new LinkedHashMap<>();

    static {
        add("01", "Informal", false);
        add("02", "Section 2 (assessment)", true);
        add("03", "Section 3 (treatment)", true);
        add("04", "Section 4 (emergency admission)", false);
        add("05", "Section 5(2) (doctor's holding power)", false);
        add("06", "Section 5(4) (nurse's holding power)", false);
        add("07", "Section 35 (remand for report)", true);
        add("08", "Section 36 (remand for treatment)", true);
        add("09", "Section 37 with section 41 restrictions", true);
        add("10", "Section 37 (hospital order)", true);
        add("12", "Section 38 (interim hospital order)", true);
        add("15", "Section 47 with section 49 restrictions", true);
        add("16", "Section 47 (transfer of sentenced prisoner)", true);
        add("17", "Section 48 with section 49 restrictions", true);
        add("18", "Section 48 (transfer of unsentenced prisoner)", true);
        add("19", "Section 135 (place of safety, warrant)", false);
        add("20", "Section 136 (place of safety, police)", false);
        add("35", "Community treatment order (section 17A)", true);
        add("36", "Conditional discharge", true);
        add("38", "Guardianship (section 7)", true);
    }

    private LegalStatusCodes() {
    }

    private static void add(String code, String description, boolean qualifying) {
        CODES.put(code, new LegalStatus(code, description, qualifying));
    }

    public static Optional<LegalStatus> find(String code) {
        return Optional.ofNullable(code == null ? null : CODES.get(code));
    }

    public static Map<String, LegalStatus> all() {
        return Map.copyOf(CODES);
    }
}
