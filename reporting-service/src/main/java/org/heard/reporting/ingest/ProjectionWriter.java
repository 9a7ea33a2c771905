package org.heard.reporting.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.heard.contracts.EventCatalogue;
import org.heard.contracts.EventType;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventJson;
import org.heard.reporting.cohort.PersonProfile;
import org.heard.reporting.cohort.ProfileIndex;
import org.heard.reporting.cohort.ProfileStore;
import org.heard.reporting.erasure.ErasureStore;
import org.heard.reporting.projection.Projections;
import org.heard.contracts.cases.ConsentGiven;
import org.heard.contracts.cases.ConsentScope;
import org.heard.contracts.cases.ConsentWithdrawn;
import org.heard.reporting.impact.EvaluationConsent;
import org.heard.reporting.impact.ReferralFacts;
import org.heard.reporting.wider.WiderImpact;
import org.heard.reporting.wider.WiderImpactStore;
import org.heard.reporting.timeline.PersonTimeline;
import org.heard.reporting.timeline.TimelineProjection;
import org.heard.reporting.timeline.TimelineStore;

/**
 * Applies a batch of events to every projection: one read of the batch's people, the pure rules per event, and one
 * bulk write per collection (several events of one person coalesce into one write). A {@code PersonErased} deletes the
 * person's person-level documents and records a tombstone, and no later event of theirs builds them again; their cohort
 * profile is kept as an anonymous fact. Profiles are refolded from the timeline of each person the batch changed.
 */
public class ProjectionWriter {

    private final Projections projections;
    private final TimelineStore timelines;
    private final ErasureStore erasures;
    private final ReferralFacts facts;
    private final EvaluationConsent consent;
    private final WiderImpactStore wider;
    private final ProfileStore profiles;
    private final ProfileIndex index;
    private final Clock clock;

    /**
     * @param index the in-memory index to keep in step with the profiles written, or null (a rebuild's generation is
     *              indexed when it is switched to)
     */
    public ProjectionWriter(Projections projections, ProfileIndex index, Clock clock) {
        this.projections = projections;
        this.timelines = projections.timelines();
        this.erasures = projections.erasures();
        this.facts = projections.facts();
        this.consent = projections.consent();
        this.wider = projections.wider();
        this.profiles = projections.profiles();
        this.index = index;
        this.clock = clock;
    }

    /** The generation this writer writes to. */
    public Projections projections() {
        return projections;
    }

    private static java.time.LocalDate date(String isoDate) {
        return isoDate == null ? null : java.time.LocalDate.parse(isoDate);
    }

    /** A change of evaluation consent, applied to stored facts after the batch's new facts are written. */
    private record ConsentChange(String personId, String from, boolean withdrawn) {
    }

    /** @return how many events changed a projection (the rest were repeats or about erased people) */
    public int apply(List<EventEnvelope> batch) {
        List<String> people = batch.stream().filter(e -> e.eventType().map(EventType::aboutAPerson).orElse(true))
                .map(EventEnvelope::personId).distinct().toList();
        Set<String> erased = new HashSet<>(erasures.erasedAmong(people));
        Map<String, PersonTimeline> before = timelines.findAll(people.stream().filter(p -> !erased.contains(p)).toList());
        Map<String, PersonTimeline> after = new LinkedHashMap<>();
        Set<String> erasedNow = new HashSet<>();
        Map<Object, Document> newFacts = new LinkedHashMap<>();
        Map<String, String> withdrawnSince = new java.util.HashMap<>(consent.withdrawnSince(people));
        List<ConsentChange> consentChanges = new ArrayList<>();
        int applied = 0;
        List<EventEnvelope> systemic = batch.stream().filter(e -> WiderImpact.concerns(e.type())).toList();
        Map<String, WiderImpact> widerBefore = wider.findAll(systemic.stream().map(EventEnvelope::personId)
                .distinct().toList());
        Map<String, WiderImpact> widerAfter = new LinkedHashMap<>();
        List<ProfileStore.Stored> anonymousFacts = new ArrayList<>();
        for (EventEnvelope event : systemic) {
            WiderImpact current = widerAfter.getOrDefault(event.personId(),
                    widerBefore.getOrDefault(event.personId(), WiderImpact.empty(event.personId())));
            WiderImpact next = current.apply(event);
            if (next != current) {
                widerAfter.put(event.personId(), next);
            }
        }
        for (EventEnvelope event : batch) {
            if (!event.eventType().map(EventType::aboutAPerson).orElse(true)) {
                continue; // frameworks and systemic issues are about no one person: not on a timeline
            }
            String person = event.personId();
            if (EventCatalogue.PERSON_ERASED.type().equals(event.type())) {
                PersonTimeline last = after.containsKey(person) ? after.get(person) : before.get(person);
                if (last != null && !erased.contains(person)) {
                    // Their cohort facts stay, anonymous: keyed by the erasure event, without the person id.
                    anonymousFacts.add(new ProfileStore.Stored(event.id(), null,
                            PersonProfile.of(last, date(withdrawnSince.get(person)))));
                }
                erased.add(person);
                erasedNow.add(person);
                after.remove(person);
                applied++;
                continue;
            }
            if (EventCatalogue.REFERRAL_RECEIVED.type().equals(event.type())) {
                Document fact = ReferralFacts.factOf(EventJson.fromBytes(EventCatalogue.REFERRAL_RECEIVED, event.data()),
                        withdrawnSince.get(person));
                newFacts.put(fact.get("_id"), fact);
            } else if (EventCatalogue.CONSENT_WITHDRAWN.type().equals(event.type())) {
                ConsentWithdrawn withdrawn = EventJson.fromBytes(EventCatalogue.CONSENT_WITHDRAWN, event.data());
                if (withdrawn.scope() == ConsentScope.EVALUATION) {
                    withdrawnSince.put(person, withdrawn.withdrawnOn().toString());
                    consentChanges.add(new ConsentChange(person, withdrawn.withdrawnOn().toString(), true));
                }
            } else if (EventCatalogue.CONSENT_GIVEN.type().equals(event.type())) {
                ConsentGiven given = EventJson.fromBytes(EventCatalogue.CONSENT_GIVEN, event.data());
                if (given.scope() == ConsentScope.EVALUATION && withdrawnSince.remove(person) != null) {
                    consentChanges.add(new ConsentChange(person, given.givenOn().toString(), false));
                }
            }
            if (erased.contains(person)) {
                continue;
            }
            PersonTimeline current = after.getOrDefault(person,
                    before.getOrDefault(person, PersonTimeline.empty(person)));
            PersonTimeline next = TimelineProjection.apply(current, event);
            if (next != current) {
                after.put(person, next);
                applied++;
            }
        }
        List<ProfileStore.Stored> changedProfiles = new ArrayList<>(anonymousFacts);
        for (PersonTimeline timeline : after.values()) {
            changedProfiles.add(new ProfileStore.Stored(timeline.personId(), timeline.personId(),
                    PersonProfile.of(timeline, date(withdrawnSince.get(timeline.personId())))));
        }
        // Anonymous facts before tombstones (a retry after a failure in between still has the timeline to fold),
        // tombstones before the rest (should the rest fail, the retry still knows who is erased).
        profiles.write(changedProfiles, erasedNow);
        erasures.record(erasedNow, clock.instant());
        timelines.deleteAll(erasedNow);
        consent.deleteAll(erasedNow);
        timelines.saveAll(new ArrayList<>(after.values()));
        newFacts.values().stream().filter(fact -> erased.contains(fact.getString("personId")))
                .forEach(fact -> fact.remove("personId"));
        facts.saveAll(newFacts.values());
        wider.saveAll(widerAfter.values());
        applied += widerAfter.size();
        for (ConsentChange change : consentChanges) {
            if (change.withdrawn()) {
                consent.withdraw(change.personId(), change.from());
            } else {
                consent.give(change.personId());
            }
            facts.setExcluded(change.personId(), change.from(), change.withdrawn());
        }
        facts.forgetPeople(erasedNow);
        if (index != null) {
            index.update(changedProfiles, erasedNow);
        }
        return applied;
    }
}
