package org.heard.reporting.wider;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

/** {@code systemic_issue}: one document per systemic issue, addressed by id. Organisational facts only. */
public class WiderImpactStore {

    public static final String COLLECTION = "systemic_issue";

    private final MongoCollection<Document> collection;

    public WiderImpactStore(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    public Map<String, WiderImpact> findAll(Collection<String> ids) {
        Map<String, WiderImpact> found = new HashMap<>();
        for (Document document : collection.find(Filters.in("_id", ids))) {
            WiderImpact view = fromDocument(document);
            found.put(view.systemicIssueId(), view);
        }
        return found;
    }

    public List<WiderImpact> all() {
        List<WiderImpact> views = new ArrayList<>();
        for (Document document : collection.find()) {
            views.add(fromDocument(document));
        }
        return views;
    }

    /** The cases linked to a systemic issue on which a change was achieved. */
    public Set<String> casesWithChangeAchieved() {
        Set<String> cases = new HashSet<>();
        for (WiderImpact view : all()) {
            if (!view.changes().isEmpty()) {
                cases.addAll(view.caseIds());
            }
        }
        return cases;
    }

    public static WriteModel<Document> save(WiderImpact view) {
        List<Document> changes = new ArrayList<>();
        view.changes().forEach(c -> changes.add(new Document("changeId", c.changeId())
                .append("description", c.description()).append("achievedOn", c.achievedOn())));
        return new ReplaceOneModel<>(Filters.eq("_id", view.systemicIssueId()),
                new Document("_id", view.systemicIssueId())
                        .append("level", view.level()).append("theme", view.theme())
                        .append("loggedOn", view.loggedOn()).append("caseIds", view.caseIds())
                        .append("changes", changes), new ReplaceOptions().upsert(true));
    }

    public MongoCollection<Document> collection() {
        return collection;
    }

    private static WiderImpact fromDocument(Document document) {
        List<WiderImpact.Change> changes = new ArrayList<>();
        for (Document c : document.getList("changes", Document.class, List.of())) {
            changes.add(new WiderImpact.Change(c.getString("changeId"), c.getString("description"),
                    c.getString("achievedOn")));
        }
        return new WiderImpact(document.getString("_id"),
                document.getString("level"), document.getString("theme"), document.getString("loggedOn"),
                document.getList("caseIds", String.class, List.of()), changes);
    }
}
