package org.heard.reporting.projection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.heard.reporting.cohort.ProfileIndex;
import org.heard.reporting.cohort.ProfileStore;
import org.heard.reporting.erasure.ErasureStore;
import org.heard.reporting.timeline.PersonTimeline;
import org.heard.reporting.timeline.TimelineStore;
import org.heard.reporting.wider.WiderImpact;
import org.heard.reporting.wider.WiderImpactStore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;

/**
 * Applies a batch of events to one generation of the projections: it reads the batch's people and systemic issues
 * once, applies the pure folds ({@link PersonFold}, {@link WiderImpact}), and writes one ordered bulk write per
 * collection. It only batches, reads, guards and writes; every rule is in the folds.
 *
 * <p>There are no transactions, so the writes go in an order that a crash at any point leaves repairable by applying
 * the same batch again: an erased person's anonymous fact is written before their tombstone, and their person-level
 * documents are deleted only after it (and again whenever a batch touches them). Failures of MongoDB itself are thrown
 * for the caller to retry; an event that cannot be applied is returned as a failure and everything else is written.
 */
public class ProjectionWriter {

    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);

    private final Projections projections;
    private final ProfileIndex index;
    private final PeerChanges peers;

    /**
     * @param index the in-memory index to keep in step with the profiles written, or null (a rebuild's generation is
     *              indexed when it is switched to)
     */
    public ProjectionWriter(Projections projections, ProfileIndex index) {
        this(projections, index, null);
    }

    /** @param peers where to tell other instances which profiles changed, or null (one instance) */
    public ProjectionWriter(Projections projections, ProfileIndex index, PeerChanges peers) {
        this.projections = projections;
        this.index = index;
        this.peers = peers;
    }

    /** The generation this writer writes to. */
    public Projections projections() {
        return projections;
    }

    /** What a batch came to: how many events changed a projection, and those that could not be applied. */
    public record Result(int applied, List<PersonFold.Failure> failures) {
    }

    public Result apply(List<ProjectedEvent> batch) {
        Map<String, List<ProjectedEvent>> byPerson = new LinkedHashMap<>();
        Map<String, List<ProjectedEvent>> byIssue = new LinkedHashMap<>();
        for (ProjectedEvent event : batch) {
            if (event.type().aboutAPerson()) {
                byPerson.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event);
            } else if (WiderImpact.concerns(event.type())) {
                byIssue.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event);
            }
            // frameworks are about no person and make no view here
        }
        List<PersonFold.Result> people = foldPeople(byPerson);
        List<PersonFold.Failure> failures = new ArrayList<>();
        people.forEach(p -> failures.addAll(p.failures()));
        List<WriteModel<Document>> widerWrites = foldIssues(byIssue, failures);
        write(people, widerWrites);
        int applied = widerWrites.size();
        for (PersonFold.Result person : people) {
            applied += person.applied();
        }
        return new Result(applied, failures);
    }

    private List<PersonFold.Result> foldPeople(Map<String, List<ProjectedEvent>> byPerson) {
        if (byPerson.isEmpty()) {
            return List.of();
        }
        Map<String, ErasureStore.Tombstone> tombstones = projections.erasures().findAll(byPerson.keySet());
        List<String> living = byPerson.keySet().stream().filter(p -> !tombstones.containsKey(p)).toList();
        Map<String, PersonTimeline> timelines = projections.timelines().findAll(living);
        Set<String> profileIds = new HashSet<>(living);
        tombstones.values().forEach(t -> profileIds.add(t.factId()));
        Map<String, ProfileStore.Stored> profiles = projections.profiles().findAll(profileIds);
        List<PersonFold.Result> results = new ArrayList<>(byPerson.size());
        byPerson.forEach((person, events) -> {
            ErasureStore.Tombstone tombstone = tombstones.get(person);
            results.add(PersonFold.fold(person, timelines.getOrDefault(person, PersonTimeline.empty(person)),
                    profiles.get(tombstone == null ? person : tombstone.factId()), tombstone, events));
        });
        return results;
    }

    private List<WriteModel<Document>> foldIssues(Map<String, List<ProjectedEvent>> byIssue,
                                                  List<PersonFold.Failure> failures) {
        if (byIssue.isEmpty()) {
            return List.of();
        }
        Map<String, WiderImpact> stored = projections.wider().findAll(byIssue.keySet());
        List<WriteModel<Document>> writes = new ArrayList<>();
        byIssue.forEach((issue, events) -> {
            WiderImpact before = stored.getOrDefault(issue, WiderImpact.empty(issue));
            WiderImpact view = before;
            for (ProjectedEvent event : events) {
                try {
                    view = view.apply(event);
                } catch (RuntimeException e) {
                    failures.add(new PersonFold.Failure(event,
                            "not applicable to the projections: " + e.getClass().getSimpleName()));
                }
            }
            if (!view.equals(before)) {
                writes.add(WiderImpactStore.save(view));
            }
        });
        return writes;
    }

    private void write(List<PersonFold.Result> people, List<WriteModel<Document>> widerWrites) {
        List<WriteModel<Document>> profileWrites = new ArrayList<>();
        List<WriteModel<Document>> tombstoneWrites = new ArrayList<>();
        List<WriteModel<Document>> personLevelDeletes = new ArrayList<>();
        List<WriteModel<Document>> timelineWrites = new ArrayList<>();
        List<WriteModel<Document>> timelineDeletes = new ArrayList<>();
        List<ProfileStore.Stored> saved = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (PersonFold.Result person : people) {
            if (person.profileWrite() != null) {
                profileWrites.add(person.profileWrite());
                saved.add(person.profileSaved());
            }
            if (person.erasedNow() != null) {
                tombstoneWrites.add(ErasureStore.save(person.erasedNow()));
            }
            if (person.erased()) {
                personLevelDeletes.add(ProfileStore.delete(person.personId()));
                timelineDeletes.add(TimelineStore.delete(person.personId()));
                removed.add(person.personId());
            } else if (person.timelineWrite() != null) {
                timelineWrites.add(person.timelineWrite());
            }
        }
        // The order is the crash-safety argument in the class comment.
        bulk(projections.profiles().collection(), profileWrites);
        bulk(projections.erasures().collection(), tombstoneWrites);
        bulk(projections.profiles().collection(), personLevelDeletes);
        bulk(projections.timelines().collection(), timelineDeletes);
        bulk(projections.timelines().collection(), timelineWrites);
        bulk(projections.wider().collection(), widerWrites);
        if (index != null) {
            index.update(saved, removed);
        }
        if (peers != null) {
            peers.record(projections, saved.stream().map(ProfileStore.Stored::id).toList(), removed);
        }
    }

    private static void bulk(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, ORDERED);
        }
    }
}
