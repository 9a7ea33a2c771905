package org.heard.reporting.timeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Binary;
import org.heard.reporting.projection.RawBson;
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
    private static final int READ_SLICE = 500;

    private final MongoCollection<Document> collection;

    public TimelineStore(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
        // The versioned write below filters on _id and version. A real MongoDB serves that from the _id index anyway;
        // mongo-java-server only uses an index whose keys are exactly the query's, and would scan every timeline on
        // every write without this one.
        collection.createIndex(com.mongodb.client.model.Indexes.ascending("_id", "version"),
                new com.mongodb.client.model.IndexOptions().unique(true).name("id_version"));
    }

    public Optional<PersonTimeline> find(String personId) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", personId)).first()).map(TimelineStore::fromDocument);
    }

    /** The stored timelines of these people; people without one are absent from the map. */
    public Map<String, PersonTimeline> findAll(Collection<String> personIds) {
        Map<String, PersonTimeline> found = new HashMap<>();
        List<String> ids = new ArrayList<>(personIds);
        // In slices: one reply with every timeline of a large (rebuild) batch can exceed the wire protocol's 48 MB
        for (int from = 0; from < ids.size(); from += READ_SLICE) {
            for (Document document : collection.find(Filters.in("_id", ids.subList(from,
                    Math.min(ids.size(), from + READ_SLICE)))).batchSize(READ_SLICE)) {
                PersonTimeline timeline = fromDocument(document);
                found.put(timeline.personId(), timeline);
            }
        }
        return found;
    }

    /** Deletes the timelines of these people (erasure). */
    public void deleteAll(Collection<String> personIds) {
        if (!personIds.isEmpty()) {
            collection.deleteMany(Filters.in("_id", personIds));
        }
    }

    /**
     * The write of one changed timeline, encoded now (so that a timeline that cannot be stored fails here, before
     * anything is written). It replaces the document only if it still has the version it was read at (or inserts it
     * if it had none); a concurrent change fails the write with a duplicate-key error and the batch is tried again
     * from a fresh read, which the set semantics of the timeline make safe.
     */
    public static WriteModel<Document> save(PersonTimeline timeline) {
        // A plain document, not Filters.and (which renders as $and and is a full scan on mongo-java-server)
        Bson filter = new Document("_id", timeline.personId()).append("version", timeline.version());
        return new ReplaceOneModel<>(filter, toDocument(timeline, timeline.version() + 1),
                new ReplaceOptions().upsert(true));
    }

    public static WriteModel<Document> delete(String personId) {
        return new com.mongodb.client.model.DeleteOneModel<>(Filters.eq("_id", personId));
    }

    /** Writes the changed timelines in one bulk write (see {@link #save(PersonTimeline)}). */
    public void saveAll(Collection<PersonTimeline> timelines) {
        if (timelines.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (PersonTimeline timeline : timelines) {
            writes.add(save(timeline));
        }
        collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    public MongoCollection<Document> collection() {
        return collection;
    }

    /**
     * The stored form: the advocates of the person's cases as plain fields (the access check reads them), and the
     * entries, each with its data as the JSON published, as one raw BSON value in {@code events}: written and read back
     * as one byte array, which keeps a long timeline cheap to rewrite also on the embedded store.
     */
    static Document toDocument(PersonTimeline timeline, long version) {
        BsonArray entries = new BsonArray();
        for (PersonTimeline.Entry entry : timeline.entries()) {
            entries.add(new BsonDocument("eventId", new BsonString(entry.eventId()))
                    .append("type", new BsonString(entry.type()))
                    .append("time", new BsonDateTime(entry.time().toEpochMilli()))
                    .append("aggregateId", new BsonString(entry.aggregateId()))
                    .append("sequence", new BsonInt64(entry.sequence()))
                    .append("data", new BsonString(entry.data())));
        }
        RawBsonDocument events = new RawBsonDocument(new BsonDocument("entries", entries), new BsonDocumentCodec());
        if (events.getByteBuffer().remaining() > RawBson.MAX_STORED_BYTES) {
            throw new IllegalStateException("a timeline over the document size limit");
        }
        List<Document> advocates = new ArrayList<>();
        timeline.advocates().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> advocates.add(new Document("caseId", e.getKey()).append("advocateId", e.getValue())));
        return new Document("_id", timeline.personId())
                .append("version", version)
                .append("advocates", advocates)
                .append("events", RawBson.binary(events));
    }

    static PersonTimeline fromDocument(Document document) {
        List<PersonTimeline.Entry> entries = new ArrayList<>();
        RawBsonDocument events = RawBson.read(document.get("events", Binary.class));
        for (BsonValue value : events.getArray("entries")) {
            BsonDocument e = value.asDocument();
            entries.add(new PersonTimeline.Entry(e.getString("eventId").getValue(), e.getString("type").getValue(),
                    java.time.Instant.ofEpochMilli(e.getDateTime("time").getValue()),
                    e.getString("aggregateId").getValue(), e.getInt64("sequence").getValue(),
                    e.getString("data").getValue()));
        }
        Map<String, String> advocates = new HashMap<>();
        for (Document a : document.getList("advocates", Document.class, List.of())) {
            advocates.put(a.getString("caseId"), a.getString("advocateId"));
        }
        return new PersonTimeline(document.getString("_id"), ((Number) document.get("version")).longValue(), entries,
                advocates);
    }
}
