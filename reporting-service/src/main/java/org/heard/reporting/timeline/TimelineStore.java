package org.heard.reporting.timeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

/**
 * The {@code person_timeline} collection: one document per person, addressed by {@code _id} only (so it is fast on
 * the embedded store too), written with an optimistic version check.
 */
public class TimelineStore {

    public static final String COLLECTION = "person_timeline";

    private final MongoCollection<Document> collection;

    public TimelineStore(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    public Optional<PersonTimeline> find(String personId) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", personId)).first()).map(TimelineStore::fromDocument);
    }

    /** The stored timelines of these people; people without one are absent from the map. */
    public Map<String, PersonTimeline> findAll(Collection<String> personIds) {
        Map<String, PersonTimeline> found = new HashMap<>();
        for (Document document : collection.find(Filters.in("_id", personIds))) {
            PersonTimeline timeline = fromDocument(document);
            found.put(timeline.personId(), timeline);
        }
        return found;
    }

    /** Every stored timeline, one at a time (for person-level analyst outputs). */
    public Iterable<PersonTimeline> all() {
        return () -> collection.find().map(TimelineStore::fromDocument).iterator();
    }

    /** Deletes the timelines of these people (erasure). */
    public void deleteAll(Collection<String> personIds) {
        if (!personIds.isEmpty()) {
            collection.deleteMany(Filters.in("_id", personIds));
        }
    }

    /**
     * Writes the changed timelines in one bulk write. Each replaces the document only if it still has the version
     * it was read at (or inserts it if it had none); a concurrent change fails the write with a duplicate-key error
     * and the caller retries from a fresh read, which the sequence guard makes safe.
     */
    public void saveAll(Collection<PersonTimeline> timelines) {
        if (timelines.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (PersonTimeline timeline : timelines) {
            Bson filter = Filters.and(Filters.eq("_id", timeline.personId()), Filters.eq("version", timeline.version()));
            writes.add(new ReplaceOneModel<>(filter, toDocument(timeline, timeline.version() + 1),
                    new ReplaceOptions().upsert(true)));
        }
        collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    static Document toDocument(PersonTimeline timeline, long version) {
        List<Document> applied = new ArrayList<>();
        timeline.applied().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> applied.add(new Document("aggregateId", e.getKey()).append("sequence", e.getValue())));
        List<Document> entries = new ArrayList<>();
        for (PersonTimeline.Entry entry : timeline.entries()) {
            entries.add(new Document("eventId", entry.eventId())
                    .append("type", entry.type())
                    .append("time", Date.from(entry.time()))
                    .append("aggregateId", entry.aggregateId())
                    .append("sequence", entry.sequence())
                    .append("data", new org.bson.types.Binary(rawBytes(entry.data()))));
        }
        List<Document> advocates = new ArrayList<>();
        timeline.advocates().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> advocates.add(new Document("caseId", e.getKey()).append("advocateId", e.getValue())));
        return new Document("_id", timeline.personId())
                .append("version", version)
                .append("applied", applied)
                .append("advocates", advocates)
                .append("entries", entries);
    }

    /**
     * The data as stored: raw BSON bytes (cheap to store and to read back, also for the embedded store), or a
     * sub-document as written by earlier versions.
     */
    private static org.bson.RawBsonDocument rawData(Object stored) {
        if (stored instanceof org.bson.types.Binary binary) {
            return new org.bson.RawBsonDocument(binary.getData());
        }
        return new org.bson.RawBsonDocument((Document) stored, new org.bson.codecs.DocumentCodec());
    }

    private static byte[] rawBytes(org.bson.RawBsonDocument data) {
        java.nio.ByteBuffer buffer = data.getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    static PersonTimeline fromDocument(Document document) {
        Map<String, Long> applied = new HashMap<>();
        for (Document a : document.getList("applied", Document.class, List.of())) {
            applied.put(a.getString("aggregateId"), ((Number) a.get("sequence")).longValue());
        }
        List<PersonTimeline.Entry> entries = new ArrayList<>();
        for (Document e : document.getList("entries", Document.class, List.of())) {
            entries.add(new PersonTimeline.Entry(e.getString("eventId"), e.getString("type"),
                    e.getDate("time").toInstant(), e.getString("aggregateId"), ((Number) e.get("sequence")).longValue(),
                    rawData(e.get("data"))));
        }
        Map<String, String> advocates = new HashMap<>();
        for (Document a : document.getList("advocates", Document.class, List.of())) {
            advocates.put(a.getString("caseId"), a.getString("advocateId"));
        }
        return new PersonTimeline(document.getString("_id"), ((Number) document.get("version")).longValue(), applied,
                entries, advocates);
    }
}
