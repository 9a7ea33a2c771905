package org.heard.cases.referral;

import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.heard.cases.access.Caseloads;
import org.heard.cases.person.Persons;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.kit.security.Caller;
import org.heard.kit.web.UnknownResource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The case an endpoint is about, as the access rules see it ({@code case_summary}), for every use case of a case:
 * 404 for an unknown case (naming the field, never the id), 409 {@code person-erased} for a case of an erased person
 * (whose cases leave {@code case_summary}), 403 from the rule the use case names.
 */
@Component
public class CaseResource {

    private final Caseloads caseloads;
    private final EventStore events;
    private final Persons persons;

    public CaseResource(Caseloads caseloads, EventStore events, Persons persons) {
        this.caseloads = caseloads;
        this.events = events;
        this.persons = persons;
    }

    /** The case; an erased person's cases have left {@code case_summary}, and a command on one is their erasure. */
    public Caseloads.CaseEntry entry(UUID caseId) {
        return caseloads.find(caseId.toString()).orElseThrow(() -> {
            events.readEvents(caseId.toString()).asStream().findFirst()
                    .filter(m -> m.getPayload() instanceof ReferralReceived)
                    .map(m -> ((ReferralReceived) m.getPayload()).personId())
                    .ifPresent(persons::requireNotErased);
            return new UnknownResource("No case has that caseId");
        });
    }

    /** The rule of most use cases: the case is on the caller's caseload. */
    public Caseloads.CaseEntry onCaseload(UUID caseId, Authentication authentication) {
        Caseloads.CaseEntry entry = entry(caseId);
        caseloads.checkOnCaseload(Caller.of(authentication), entry);
        return entry;
    }

    /** The rule of deciding and taking a case: on the caller's caseload, or nobody has it and it is their provider's. */
    public Caseloads.CaseEntry onCaseloadOrTakeable(UUID caseId, Authentication authentication) {
        Caseloads.CaseEntry entry = entry(caseId);
        caseloads.checkOnCaseloadOrTakeable(Caller.of(authentication), entry);
        return entry;
    }
}
