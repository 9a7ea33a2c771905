package org.heard.reporting.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.heard.reporting.cohort.ProfileIndex;
import org.heard.reporting.cohort.ProfileStore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * {@code profile_changes}: which profile documents each instance's writer changed, one small document per batch, so
 * that with several reporting-service instances in one consumer group each instance's in-memory index follows the
 * partitions the others consume (the embedded store has no change streams). Entries are kept for ten minutes.
 * Bookkeeping, not a projection: a rebuild neither writes nor compares it.
 */
public final class PeerChanges {

    public static final String COLLECTION = "profile_changes";
    private static final Duration KEPT = Duration.ofMinutes(10);
    /** ObjectIds of different instances are ordered only to the second: look back a little and skip what was seen. */
    private static final Duration OVERLAP = Duration.ofSeconds(5);

    private final String instance;
    private final Clock clock;
    private ObjectId cursor;
    private final Set<ObjectId> seen = new HashSet<>();

    public PeerChanges(String instance, Clock clock) {
        this.instance = instance;
        this.clock = clock;
    }

    public String instance() {
        return instance;
    }

    /** Records, for the other instances, the profile documents a batch saved or removed. */
    public void record(Projections projections, Collection<String> saved, Collection<String> removed) {
        if (saved.isEmpty() && removed.isEmpty()) {
            return;
        }
        projections.database().getCollection(COLLECTION).insertOne(new Document("_id", new ObjectId())
                .append("instance", instance).append("at", Date.from(clock.instant()))
                .append("saved", List.copyOf(saved)).append("removed", List.copyOf(removed)));
    }

    /** Starts following a generation whose index was just loaded whole: only later changes matter. */
    public synchronized void startAt(Instant loadedAt) {
        cursor = new ObjectId(Date.from(loadedAt.minus(OVERLAP)));
        seen.clear();
    }

    /** Applies the other instances' changes since the last call to the index; returns how many documents changed. */
    public synchronized int follow(Projections projections, ProfileIndex index) {
        if (cursor == null) {
            startAt(clock.instant());
        }
        MongoCollection<Document> changes = projections.database().getCollection(COLLECTION);
        Map<String, Boolean> touched = new LinkedHashMap<>();
        ObjectId newest = cursor;
        for (Document change : changes.find(Filters.gt("_id", cursor))) {
            ObjectId id = change.getObjectId("_id");
            if (id.compareTo(newest) > 0) {
                newest = id;
            }
            if (!seen.add(id) || instance.equals(change.getString("instance"))) {
                continue;
            }
            change.getList("saved", String.class, List.of()).forEach(doc -> touched.put(doc, true));
            change.getList("removed", String.class, List.of()).forEach(doc -> touched.put(doc, false));
        }
        if (!touched.isEmpty()) {
            Map<String, ProfileStore.Stored> found = projections.profiles().findAll(touched.keySet());
            List<String> gone = touched.keySet().stream().filter(doc -> !found.containsKey(doc)).toList();
            index.update(found.values(), gone);
        }
        ObjectId back = new ObjectId(Date.from(Instant.ofEpochSecond(newest.getTimestamp()).minus(OVERLAP)));
        if (back.compareTo(cursor) > 0) {
            cursor = back; // never backwards: a quiet round leaves it where it was
        }
        ObjectId from = cursor;
        seen.removeIf(id -> id.compareTo(from) < 0);
        return touched.size();
    }

    /** Forgets changes older than everyone needs. */
    public void prune(Projections projections) {
        projections.database().getCollection(COLLECTION)
                .deleteMany(Filters.lt("at", Date.from(clock.instant().minus(KEPT))));
    }
}
