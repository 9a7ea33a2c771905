package org.heard.reporting.erasure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

/**
 * {@code erased_person}: the pseudonymous ids of erased people and when. It holds nothing else, and it is what stops a
 * replay from building person-level documents for them again (their events in other topics may arrive after the
 * {@code PersonErased}).
 */
public class ErasureStore {

    public static final String COLLECTION = "erased_person";

    private final MongoCollection<Document> collection;

    public ErasureStore(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    public Set<String> erasedAmong(Collection<String> personIds) {
        Set<String> erased = new HashSet<>();
        for (Document document : collection.find(Filters.in("_id", personIds))) {
            erased.add(document.getString("_id"));
        }
        return erased;
    }

    public void record(Collection<String> personIds, Instant when) {
        if (personIds.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (String personId : personIds) {
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", personId),
                    new Document("_id", personId).append("erasedAt", Date.from(when)), new ReplaceOptions().upsert(true)));
        }
        collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }
}
