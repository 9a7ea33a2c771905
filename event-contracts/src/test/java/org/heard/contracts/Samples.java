package org.heard.contracts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.Timepoint;

/** One synthetic instance of every published event type: the golden samples are these, serialised. */
public final class Samples {

    public static final String PERSON_ID = "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e";
    public static final String CASE_ID = "6f1d7c2e-4b4a-4e57-9a53-2a8f0c1d9b10";

    public static final ReferralReceived REFERRAL_RECEIVED = new ReferralReceived(CASE_ID, PERSON_ID,
            AdvocacyType.IMHA, ReferralSource.PROFESSIONAL, LocalDate.parse("2026-03-02"));
    public static final CaseClosed CASE_CLOSED = new CaseClosed(CASE_ID, PERSON_ID, ClosureReason.GOALS_MET,
            LocalDate.parse("2026-06-30"));
    public static final AssessmentCompleted ASSESSMENT_COMPLETED = new AssessmentCompleted(
            "a3c9e1f0-7d2b-4f6e-8c1a-5b4d3e2f1a09", PERSON_ID, CASE_ID, "heard-empowerment", 1, Timepoint.BASELINE,
            new BigDecimal("17.5"), LocalDate.parse("2026-03-09"));

    private static final Map<EventType<?>, HeardEvent> BY_TYPE = Map.of(
            EventCatalogue.REFERRAL_RECEIVED, REFERRAL_RECEIVED,
            EventCatalogue.CASE_CLOSED, CASE_CLOSED,
            EventCatalogue.ASSESSMENT_COMPLETED, ASSESSMENT_COMPLETED);

    private Samples() {
    }

    /** The sample of this type, or null when none was written yet (a test fails on that). */
    public static HeardEvent of(EventType<?> type) {
        return BY_TYPE.get(type);
    }
}
