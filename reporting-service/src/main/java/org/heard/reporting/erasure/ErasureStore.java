package org.heard.reporting.erasure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

/**
 * {@code erased_person}: the pseudonymous ids of erased people, when (the erasure event's time), and the id of the
 * anonymous cohort fact their profile became. It holds nothing else, and it is what stops a replay from building
 * person-level documents for them again (their events in other topics may arrive after the {@code PersonErased}); such
 * late events still fold into the anonymous fact, so the cohort figures do not depend on the order events arrive in.
 */
public class ErasureStore {

    public static final String COLLECTION = "erased_person";
    private static final int READ_SLICE = 500;

    private final MongoCollection<Document> collection;

    public ErasureStore(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /** One erased person. */
    public record Tombstone(String personId, String factId, Instant erasedAt) {
    }

    /** The tombstones of those of these people who were erased, by person id. */
    public Map<String, Tombstone> findAll(Collection<String> personIds) {
        Map<String, Tombstone> erased = new HashMap<>();
        List<String> ids = new ArrayList<>(personIds);
        for (int from = 0; from < ids.size(); from += READ_SLICE) {
            for (Document d : collection.find(Filters.in("_id", ids.subList(from, Math.min(ids.size(),
                    from + READ_SLICE))))) {
                erased.put(d.getString("_id"), new Tombstone(d.getString("_id"), d.getString("factId"),
                        d.getDate("erasedAt").toInstant()));
            }
        }
        return erased;
    }

    public static WriteModel<Document> save(Tombstone tombstone) {
        return new ReplaceOneModel<>(Filters.eq("_id", tombstone.personId()),
                new Document("_id", tombstone.personId()).append("factId", tombstone.factId())
                        .append("erasedAt", Date.from(tombstone.erasedAt())), new ReplaceOptions().upsert(true));
    }

    public MongoCollection<Document> collection() {
        return collection;
    }
}
