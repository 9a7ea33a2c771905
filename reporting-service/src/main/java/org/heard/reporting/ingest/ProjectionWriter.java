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
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventJson;
import org.heard.reporting.erasure.ErasureStore;
import org.heard.reporting.impact.ReferralFacts;
import org.heard.reporting.timeline.PersonTimeline;
import org.heard.reporting.timeline.TimelineProjection;
import org.heard.reporting.timeline.TimelineStore;

/**
 * Applies a batch of events to every projection: one read of the batch's people, the pure rules per event, and one
 * bulk write per collection (several events of one person coalesce into one write). A {@code PersonErased} deletes the
 * person's person-level documents and records a tombstone, and no later event of theirs builds them again.
 */
public class ProjectionWriter {

    private final TimelineStore timelines;
    private final ErasureStore erasures;
    private final ReferralFacts facts;
    private final Clock clock;

    public ProjectionWriter(TimelineStore timelines, ErasureStore erasures, ReferralFacts facts, Clock clock) {
        this.timelines = timelines;
        this.erasures = erasures;
        this.facts = facts;
        this.clock = clock;
    }

    /** @return how many events changed a projection (the rest were repeats or about erased people) */
    public int apply(List<EventEnvelope> batch) {
        List<String> people = batch.stream().map(EventEnvelope::personId).distinct().toList();
        Set<String> erased = new HashSet<>(erasures.erasedAmong(people));
        Map<String, PersonTimeline> before = timelines.findAll(people.stream().filter(p -> !erased.contains(p)).toList());
        Map<String, PersonTimeline> after = new LinkedHashMap<>();
        Set<String> erasedNow = new HashSet<>();
        Map<Object, Document> newFacts = new LinkedHashMap<>();
        int applied = 0;
        for (EventEnvelope event : batch) {
            String person = event.personId();
            if (EventCatalogue.PERSON_ERASED.type().equals(event.type())) {
                erased.add(person);
                erasedNow.add(person);
                after.remove(person);
                applied++;
                continue;
            }
            if (EventCatalogue.REFERRAL_RECEIVED.type().equals(event.type())) {
                Document fact = ReferralFacts.factOf(EventJson.fromBytes(EventCatalogue.REFERRAL_RECEIVED, event.data()));
                newFacts.put(fact.get("_id"), fact);
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
        // Tombstones first: should the rest fail, the retry still knows who is erased.
        erasures.record(erasedNow, clock.instant());
        timelines.deleteAll(erasedNow);
        timelines.saveAll(new ArrayList<>(after.values()));
        facts.saveAll(newFacts.values());
        return applied;
    }
}
