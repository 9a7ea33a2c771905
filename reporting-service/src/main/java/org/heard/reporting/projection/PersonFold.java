package org.heard.reporting.projection;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.heard.contracts.EventCatalogue;
import org.heard.reporting.cohort.PersonFacts;
import org.heard.reporting.cohort.ProfileStore;
import org.heard.reporting.erasure.ErasureStore;
import org.heard.reporting.timeline.PersonTimeline;
import org.heard.reporting.timeline.TimelineProjection;
import org.heard.reporting.timeline.TimelineStore;

import com.mongodb.client.model.WriteModel;

/**
 * What one person's events come to, in one live batch or one rebuild pass: the pure folds (timeline, cohort facts,
 * erasure) applied to what was stored, and the encoded writes. Used the same way by live ingest and by a rebuild, so
 * the two cannot disagree.
 *
 * <p>An event that a fold cannot apply, or that makes a document that cannot be stored, is a deterministic failure:
 * it is reported (for the dead-letter topic) and left out, and every other event of the person is still applied.
 * The events are first applied together; only if that fails are they applied one by one to find which.
 */
public final class PersonFold {

    /** An event left out, and why (safe to log: no content). */
    public record Failure(ProjectedEvent event, String reason) {
    }

    /**
     * The result for one person.
     *
     * @param timelineWrite   the timeline's write, or null when it did not change (or the person is erased)
     * @param profileWrite    the cohort profile's write, or null when their facts did not change
     * @param profileSaved    the profile document written (for the in-memory index), or null
     * @param erasedNow       the tombstone to record when this batch erased the person, else null
     * @param erased          the person is erased (now or before): their person-level documents must be gone
     * @param applied         events that changed something
     */
    public record Result(String personId, WriteModel<Document> timelineWrite, WriteModel<Document> profileWrite,
                         ProfileStore.Stored profileSaved, ErasureStore.Tombstone erasedNow, boolean erased,
                         int applied, List<Failure> failures) {
    }

    private PersonFold() {
    }

    /**
     * @param timeline  the stored timeline (empty when none)
     * @param stored    the stored profile document (the anonymous fact for an erased person), or null
     * @param tombstone the person's tombstone when they were erased before this batch, else null
     */
    public static Result fold(String personId, PersonTimeline timeline, ProfileStore.Stored stored,
                              ErasureStore.Tombstone tombstone, List<ProjectedEvent> events) {
        try {
            return attempt(personId, timeline, stored, tombstone, events);
        } catch (RuntimeException together) {
            return oneByOne(personId, timeline, stored, tombstone, events);
        }
    }

    private static Result oneByOne(String personId, PersonTimeline timeline, ProfileStore.Stored stored,
                                   ErasureStore.Tombstone tombstone, List<ProjectedEvent> events) {
        List<ProjectedEvent> good = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (ProjectedEvent event : events) {
            good.add(event);
            try {
                attempt(personId, timeline, stored, tombstone, good);
            } catch (RuntimeException e) {
                good.remove(good.size() - 1);
                failures.add(new Failure(event, "not applicable to the projections: " + e.getClass().getSimpleName()));
            }
        }
        Result result = attempt(personId, timeline, stored, tombstone, good);
        return new Result(personId, result.timelineWrite(), result.profileWrite(), result.profileSaved(),
                result.erasedNow(), result.erased(), result.applied(), failures);
    }

    private static Result attempt(String personId, PersonTimeline timeline, ProfileStore.Stored stored,
                                  ErasureStore.Tombstone tombstone, List<ProjectedEvent> events) {
        ErasureStore.Tombstone erasedNow = null;
        if (tombstone == null) {
            for (ProjectedEvent event : events) {
                if (event.is(EventCatalogue.PERSON_ERASED)) {
                    erasedNow = new ErasureStore.Tombstone(personId, event.id(), event.time());
                    break;
                }
            }
        }
        ErasureStore.Tombstone erasure = tombstone != null ? tombstone : erasedNow;

        PersonFacts before = stored == null ? PersonFacts.empty() : stored.facts();
        PersonFacts facts = before;
        for (ProjectedEvent event : events) {
            facts = PersonFacts.apply(facts, event);
        }
        PersonTimeline next = erasure != null ? timeline : TimelineProjection.applyAll(timeline, events);
        boolean factsChanged = !facts.equals(before);
        boolean timelineChanged = next != timeline;
        int applied = erasure == null ? next.entries().size() - timeline.entries().size()
                : (factsChanged || erasedNow != null ? events.size() : 0);

        WriteModel<Document> timelineWrite = null;
        WriteModel<Document> profileWrite = null;
        ProfileStore.Stored saved = null;
        if (erasure == null && timelineChanged) {
            timelineWrite = TimelineStore.save(next);
        }
        if (factsChanged || erasedNow != null) {
            saved = erasure != null ? new ProfileStore.Stored(erasure.factId(), null, facts)
                    : new ProfileStore.Stored(personId, personId, facts);
            profileWrite = ProfileStore.save(saved);
        }
        return new Result(personId, timelineWrite, profileWrite, saved, erasedNow, erasure != null, applied, List.of());
    }
}
