package org.heard.reporting.impact;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * {@code evaluation_withdrawn}: people who have withdrawn consent to evaluation, and since when. Their data leaves
 * analyst outputs from that date on: their later referrals are not counted and they are not among person-level rows.
 * A person-level document, deleted on erasure.
 */
public class EvaluationConsent {

    public static final String COLLECTION = "evaluation_withdrawn";

    private final MongoCollection<Document> collection;

    public EvaluationConsent(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /** Since when each of these people (everyone, for null) has withdrawn (absent: consent not withdrawn). */
    public Map<String, String> withdrawnSince(Collection<String> personIds) {
        Map<String, String> since = new HashMap<>();
        for (Document document : personIds == null ? collection.find() : collection.find(Filters.in("_id", personIds))) {
            since.put(document.getString("_id"), document.getString("since"));
        }
        return since;
    }

    public Set<String> allWithdrawn() {
        Set<String> people = new HashSet<>();
        for (Document document : collection.find()) {
            people.add(document.getString("_id"));
        }
        return people;
    }

    public void withdraw(String personId, String since) {
        collection.replaceOne(Filters.eq("_id", personId), new Document("_id", personId).append("since", since),
                new ReplaceOptions().upsert(true));
    }

    public void give(String personId) {
        collection.deleteOne(Filters.eq("_id", personId));
    }

    public void deleteAll(Collection<String> personIds) {
        if (!personIds.isEmpty()) {
            collection.deleteMany(Filters.in("_id", personIds));
        }
    }
}
