package org.heard.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.persons.PersonErased;
import org.heard.contracts.persons.PersonRegistered;

/**
 * Every event type Heard publishes, in one place. A type that is not here cannot be published or read, and every type
 * here has a JSON Schema, a golden sample and an AsyncAPI message (checked by tests).
 */
public final class EventCatalogue {

    public static final EventType<ReferralReceived> REFERRAL_RECEIVED =
            new EventType<>("org.heard.case.ReferralReceived.v1", ReferralReceived.class, Topic.CASE);
    public static final EventType<CaseClosed> CASE_CLOSED =
            new EventType<>("org.heard.case.CaseClosed.v1", CaseClosed.class, Topic.CASE);
    public static final EventType<AssessmentCompleted> ASSESSMENT_COMPLETED =
            new EventType<>("org.heard.outcome.AssessmentCompleted.v1", AssessmentCompleted.class, Topic.OUTCOME);

    public static final EventType<AdvocateAssigned> ADVOCATE_ASSIGNED =
            new EventType<>("org.heard.case.AdvocateAssigned.v1", AdvocateAssigned.class, Topic.CASE);
    public static final EventType<PersonRegistered> PERSON_REGISTERED =
            new EventType<>("org.heard.case.PersonRegistered.v1", PersonRegistered.class, Topic.CASE);
    public static final EventType<PersonErased> PERSON_ERASED =
            new EventType<>("org.heard.case.PersonErased.v1", PersonErased.class, Topic.CASE);

    private static final List<EventType<?>> ALL = List.of(REFERRAL_RECEIVED, CASE_CLOSED, ASSESSMENT_COMPLETED,
            ADVOCATE_ASSIGNED, PERSON_REGISTERED, PERSON_ERASED);

    private static final Map<String, EventType<?>> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<?>, EventType<?>> BY_CLASS = new LinkedHashMap<>();

    static {
        for (EventType<?> eventType : ALL) {
            BY_TYPE.put(eventType.type(), eventType);
            BY_CLASS.put(eventType.dataType(), eventType);
        }
    }

    private EventCatalogue() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    /** The type registered under this CloudEvents type, if any. */
    public static Optional<EventType<?>> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The published type of this event record, if it is one. */
    public static Optional<EventType<?>> forClass(Class<?> dataType) {
        return Optional.ofNullable(BY_CLASS.get(dataType));
    }
}
