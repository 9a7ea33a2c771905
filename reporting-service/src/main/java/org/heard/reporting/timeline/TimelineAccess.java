package org.heard.reporting.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.heard.contracts.EventCatalogue;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.persons.AccessGranted;
import org.heard.kit.access.CaseAccess;
import org.heard.kit.access.CaseHolder;
import org.heard.kit.security.Caller;
import org.springframework.security.access.AccessDeniedException;

import tools.jackson.databind.JsonNode;

/**
 * What of a person's timeline a caller may see, by the rule every service shares ({@link CaseAccess}), worked out
 * from the timeline's own case events: the person sees all of it; an advocate sees the events of the cases on their
 * caseload at their own provider and the person-level events (registration, consent, access grants), never another
 * provider's or colleague's case; an unexpired exceptional look granted to them in case-service
 * ({@code AccessGranted}) shows the whole record. Anyone else, or an advocate with no case of the person on their
 * caseload and no grant, is refused.
 */
public final class TimelineAccess {

    /** The part of the timeline the caller may see and why (the purpose the audit records). */
    public record Visible(PersonTimeline timeline, String purpose) {
    }

    private TimelineAccess() {
    }

    /** @throws AccessDeniedException when the caller may see nothing of it */
    public static Visible of(Caller caller, PersonTimeline timeline, CaseAccess access, Instant now) {
        if (caller.isPerson(timeline.personId())) {
            return new Visible(timeline, "own-record");
        }
        if (!caller.has(Caller.ADVOCATE) || caller.providerId() == null) {
            throw new AccessDeniedException("person not on the caller's caseload");
        }
        Optional<String> grant = grant(caller, timeline, now);
        if (grant.isPresent()) {
            return new Visible(timeline, "access-grant/" + grant.get());
        }
        Set<String> visible = new HashSet<>();
        holders(timeline).values().stream().filter(c -> access.onCaseload(caller, c))
                .forEach(c -> visible.add(c.caseId()));
        if (visible.isEmpty()) {
            throw new AccessDeniedException("person not on the caller's caseload");
        }
        Map<String, String> goalCases = new HashMap<>();
        List<PersonTimeline.Entry> shown = new ArrayList<>();
        for (PersonTimeline.Entry entry : timeline.entries()) {
            JsonNode data = EventJson.mapper().readTree(entry.data());
            String caseId = text(data, "caseId");
            String goalId = text(data, "goalId");
            if (caseId != null && goalId != null) {
                goalCases.put(goalId, caseId);
            } else if (caseId == null && goalId != null) {
                // a goal's ratings and ending name only the goal: they belong to the goal's case
                caseId = goalCases.getOrDefault(goalId, "");
            }
            if (caseId == null || visible.contains(caseId)) {
                shown.add(entry);
            }
        }
        return new Visible(new PersonTimeline(timeline.personId(), timeline.version(), shown,
                timeline.advocates()), "casework");
    }

    /** Each case on the timeline as the access rule sees it: its provider, advocate and team now. */
    static Map<String, CaseHolder> holders(PersonTimeline timeline) {
        Map<String, CaseHolder> cases = new HashMap<>();
        for (PersonTimeline.Entry entry : timeline.entries()) {
            if (EventCatalogue.REFERRAL_RECEIVED.type().equals(entry.type())) {
                ReferralReceived r = EventJson.mapper().readValue(entry.data(), ReferralReceived.class);
                CaseHolder before = cases.get(r.caseId());
                cases.put(r.caseId(), new CaseHolder(r.caseId(), timeline.personId(), r.providerId(),
                        before == null ? null : before.advocateId(), before == null ? null : before.team()));
            } else if (EventCatalogue.ADVOCATE_ASSIGNED.type().equals(entry.type())) {
                AdvocateAssigned a = EventJson.mapper().readValue(entry.data(), AdvocateAssigned.class);
                CaseHolder before = cases.get(a.caseId());
                cases.put(a.caseId(), new CaseHolder(a.caseId(), timeline.personId(),
                        before == null ? null : before.providerId(), a.advocateId(), a.team()));
            }
        }
        return cases;
    }

    private static Optional<String> grant(Caller caller, PersonTimeline timeline, Instant now) {
        String found = null;
        for (PersonTimeline.Entry entry : timeline.entries()) {
            if (EventCatalogue.ACCESS_GRANTED.type().equals(entry.type())) {
                AccessGranted g = EventJson.mapper().readValue(entry.data(), AccessGranted.class);
                if (g.advocateId().equals(caller.subject()) && g.providerId().equals(caller.providerId())
                        && g.expiresAt().isAfter(now)) {
                    found = g.grantId();
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
