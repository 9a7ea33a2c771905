package org.heard.contracts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.Timepoint;
import org.heard.contracts.persons.ErasureReason;
import org.heard.contracts.persons.PersonErased;
import org.heard.contracts.persons.PersonRegistered;

/**
 * One synthetic instance of every published event type: the golden samples are these, serialised. The sealed values
 * are made-up bytes in the right shape, not encryptions of anything.
 */
public final class Samples {

    public static final String PERSON_ID = "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e";
    public static final String CASE_ID = "6f1d7c2e-4b4a-4e57-9a53-2a8f0c1d9b10";

    public static final String KEY_ID = "5b8e2f4c-0d1a-4c6b-9e7f-3a2b1c0d9e8f";

    public static final ReferralReceived REFERRAL_RECEIVED = new ReferralReceived(CASE_ID, PERSON_ID,
            AdvocacyType.IMHA, ReferralSource.PROFESSIONAL, LocalDate.parse("2026-03-02"),
            new SealedValue(KEY_ID, "AQID0Jt2c3ludGhldGljLWNpcGhlcnRleHQtMQ=="));
    public static final AdvocateAssigned ADVOCATE_ASSIGNED = new AdvocateAssigned(CASE_ID, PERSON_ID, "advocate-17");
    public static final PersonRegistered PERSON_REGISTERED = new PersonRegistered(PERSON_ID,
            new SealedValue(KEY_ID, "AQID0Jt2c3ludGhldGljLWNpcGhlcnRleHQtMg=="),
            new SealedValue(KEY_ID, "AQID0Jt2c3ludGhldGljLWNpcGhlcnRleHQtMw=="),
            new SealedValue(KEY_ID, "AQID0Jt2c3ludGhldGljLWNpcGhlcnRleHQtNA=="), null);
    public static final PersonErased PERSON_ERASED = new PersonErased(PERSON_ID, ErasureReason.PERSON_REQUEST,
            LocalDate.parse("2026-07-01"));
    public static final CaseClosed CASE_CLOSED = new CaseClosed(CASE_ID, PERSON_ID, ClosureReason.GOALS_MET,
            LocalDate.parse("2026-06-30"));
    public static final AssessmentCompleted ASSESSMENT_COMPLETED = new AssessmentCompleted(
            "a3c9e1f0-7d2b-4f6e-8c1a-5b4d3e2f1a09", PERSON_ID, CASE_ID, "heard-empowerment", 1, Timepoint.BASELINE,
            new BigDecimal("17.5"), LocalDate.parse("2026-03-09"));

    private static final Map<EventType<?>, HeardEvent> BY_TYPE = Map.of(
            EventCatalogue.REFERRAL_RECEIVED, REFERRAL_RECEIVED,
            EventCatalogue.CASE_CLOSED, CASE_CLOSED,
            EventCatalogue.ASSESSMENT_COMPLETED, ASSESSMENT_COMPLETED,
            EventCatalogue.ADVOCATE_ASSIGNED, ADVOCATE_ASSIGNED,
            EventCatalogue.PERSON_REGISTERED, PERSON_REGISTERED,
            EventCatalogue.PERSON_ERASED, PERSON_ERASED);

    private Samples() {
    }

    /** The sample of this type, or null when none was written yet (a test fails on that). */
    public static HeardEvent of(EventType<?> type) {
        return BY_TYPE.get(type);
    }
}
