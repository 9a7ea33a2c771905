package org.heard.benchmark;

import org.heard.contracts.EventCatalogue;
import org.heard.contracts.EventType;

/**
 * The commands an advocate gives while working one case, as HTTP requests to case-service: refer, accept, assign,
 * first contact, raise an issue, record involvement, close. Each is answered only once its event is stored, and each
 * stores one event of a known type, which is how a benchmark recognises its effect on the person's timeline.
 */
final class CaseJourney {

    /** One command: where it goes, its JSON body, and the published event type it stores. */
    record Command(String path, String body, EventType<?> stores) {
    }

    /** The case commands of a journey, after the person is registered. */
    static final int STEPS = 7;

    /** The body of a registration: a synthetic name only (no NHS number, so registrations never collide). */
    static final String REGISTRATION = "{\"name\":\"Bench Synthetic\"}";

    private CaseJourney() {
    }

    /** Registering the person a journey refers. */
    static Command registration() {
        return new Command("/api/persons", REGISTRATION, EventCatalogue.PERSON_REGISTERED);
    }

    /**
     * Case command {@code step} (0 to {@link #STEPS} − 1) of a journey; {@code caseId} is the id the referral (step 0)
     * answered with and is ignored for it.
     */
    static Command step(int step, String personId, String caseId, String advocate, String today) {
        return switch (step) {
            case 0 -> new Command("/api/cases", "{\"personId\":\"" + personId + "\",\"advocacyType\":\"IMHA\","
                    + "\"referralSource\":\"TRUST_FEED\",\"referredOn\":\"" + today + "\"}",
                    EventCatalogue.REFERRAL_RECEIVED);
            case 1 -> new Command("/api/cases/" + caseId + "/acceptance", "{\"on\":\"" + today + "\"}",
                    EventCatalogue.REFERRAL_ACCEPTED);
            case 2 -> new Command("/api/cases/" + caseId + "/advocate", "{\"advocateId\":\"" + advocate + "\"}",
                    EventCatalogue.ADVOCATE_ASSIGNED);
            case 3 -> new Command("/api/cases/" + caseId + "/first-contact",
                    "{\"contactOn\":\"" + today + "\",\"mode\":\"IN_PERSON\"}", EventCatalogue.FIRST_CONTACT_MADE);
            case 4 -> new Command("/api/cases/" + caseId + "/issues", "{\"category\":\"LEAVE\",\"description\":"
                    + "\"synthetic words\",\"raisedOn\":\"" + today + "\"}", EventCatalogue.ISSUE_RAISED);
            case 5 -> new Command("/api/cases/" + caseId + "/involvements", "{\"forum\":\"WARD_ROUND\",\"heldOn\":\""
                    + today + "\",\"participation\":\"SPOKE_FOR_THEMSELVES_WITH_SUPPORT\","
                    + "\"viewsTakenIntoAccount\":\"YES\",\"advocateMinutes\":30}", EventCatalogue.INVOLVEMENT_RECORDED);
            case 6 -> new Command("/api/cases/" + caseId + "/close",
                    "{\"reason\":\"GOALS_MET\",\"closedOn\":\"" + today + "\"}", EventCatalogue.CASE_CLOSED);
            default -> throw new IllegalArgumentException("a journey has " + STEPS + " case commands, not step " + step);
        };
    }
}
