package org.heard.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live projections against a clean rebuild: every collection of the live generation's database, document by document,
 * against the same collection of the generation a rebuild from offset zero produces. The comparison knows nothing of
 * what the documents hold; it leaves out only bookkeeping (the write counter of a timeline, the time an erasure was
 * applied) and the control collections (generation, offsets, and the instances' recent profile changes).
 */
final class ProjectionCheck {

    static final String DATABASE = "heard_reporting";
    // profile_changes is the instances' notice board of recent writes (kept ten minutes), not a projection
    static final Set<String> CONTROL_COLLECTIONS = Set.of("projection_generation", "projection_offsets",
            "profile_changes");
    static final Map<String, Set<String>> BOOKKEEPING = Map.of("person_timeline", Set.of("version"),
            "erased_person", Set.of("erasedAt"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REBUILD = Duration.ofMinutes(10);

    private final StackUnderTest stack;
    private final String operationsToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ProjectionCheck(StackUnderTest stack, String operationsToken) {
        this.stack = stack;
        this.operationsToken = operationsToken;
    }

    /** Every document of every collection of a generation, by collection and {@code _id}, bookkeeping removed. */
    record Snapshot(int generation, Map<String, Map<String, Document>> collections) {
        int documents() {
            return collections.values().stream().mapToInt(Map::size).sum();
        }
    }

    /** How a rebuilt generation differs from the live one, per collection. */
    record Difference(String collection, int onlyLive, int onlyRebuilt, int differing, List<String> examples) {
    }

    /** The outcome: both sizes, and every collection that differs. */
    record Result(int liveDocuments, int rebuiltDocuments, List<Difference> differences, String failure) {
        int mismatchedDocuments() {
            return differences.stream().mapToInt(d -> d.onlyLive() + d.onlyRebuilt() + d.differing()).sum();
        }

        boolean equal() {
            return failure == null && differences.isEmpty();
        }
    }

    /** Snapshots the live generation, rebuilds, snapshots the new one and compares them. Call only when quiet. */
    Result run() throws IOException, InterruptedException {
        try (MongoClient mongo = MongoClients.create(stack.mongoUri())) {
            Snapshot live = snapshot(mongo, liveGeneration(mongo));
            String failure = rebuild(live.generation());
            if (failure != null) {
                return new Result(live.documents(), 0, List.of(), failure);
            }
            Snapshot rebuilt = snapshot(mongo, liveGeneration(mongo));
            return new Result(live.documents(), rebuilt.documents(), compare(live, rebuilt), null);
        }
    }

    static int liveGeneration(MongoClient mongo) {
        Document live = mongo.getDatabase(DATABASE).getCollection("projection_generation")
                .find(new Document("_id", "live")).first();
        return live == null ? 0 : live.getInteger("generation", 0);
    }

    static Snapshot snapshot(MongoClient mongo, int generation) {
        MongoDatabase database = mongo.getDatabase(generation == 0 ? DATABASE : DATABASE + "_g" + generation);
        Map<String, Map<String, Document>> collections = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            if (CONTROL_COLLECTIONS.contains(name)) {
                continue;
            }
            Map<String, Document> documents = new TreeMap<>();
            for (Document document : database.getCollection(name).find()) {
                BOOKKEEPING.getOrDefault(name, Set.of()).forEach(document::remove);
                documents.put(String.valueOf(document.get("_id")), document);
            }
            collections.put(name, documents);
        }
        return new Snapshot(generation, collections);
    }

    /** Starts a rebuild and waits for it to switch; the reason it did not, or null. */
    private String rebuild(int generationBefore) throws IOException, InterruptedException {
        String url = stack.reportingUrl() + "/api/operations/projections";
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(url + "/rebuild"))
                .header("Authorization", "Bearer " + operationsToken).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            return "rebuild not started: " + started.statusCode();
        }
        long deadline = System.nanoTime() + REBUILD.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            HttpResponse<String> status;
            try {
                status = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer "
                        + operationsToken).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException notNow) {
                continue;
            }
            if (status.statusCode() != 200) {
                continue;
            }
            JsonNode view = JSON.readTree(status.body());
            String state = view.path("rebuild").path("state").asString("");
            if (state.equals("FAILED")) {
                return "rebuild FAILED: " + view.path("rebuild").path("failure").asString("");
            }
            if (state.equals("SWITCHED") && view.path("liveGeneration").asInt() > generationBefore) {
                return null;
            }
        }
        return "rebuild did not switch within " + REBUILD.toMinutes() + " min";
    }

    static List<Difference> compare(Snapshot live, Snapshot rebuilt) {
        List<Difference> differences = new ArrayList<>();
        Set<String> names = new TreeSet<>(live.collections().keySet());
        names.addAll(rebuilt.collections().keySet());
        for (String name : names) {
            Map<String, Document> a = live.collections().getOrDefault(name, Map.of());
            Map<String, Document> b = rebuilt.collections().getOrDefault(name, Map.of());
            int onlyLive = 0;
            int onlyRebuilt = 0;
            int differing = 0;
            List<String> examples = new ArrayList<>();
            for (Map.Entry<String, Document> document : a.entrySet()) {
                Document other = b.get(document.getKey());
                if (other == null) {
                    onlyLive++;
                    example(examples, document.getKey() + " only live");
                } else if (!document.getValue().equals(other)) {
                    differing++;
                    example(examples, document.getKey() + " differs in " + fieldsThatDiffer(document.getValue(),
                            other));
                }
            }
            for (String id : b.keySet()) {
                if (!a.containsKey(id)) {
                    onlyRebuilt++;
                    example(examples, id + " only rebuilt");
                }
            }
            if (onlyLive + onlyRebuilt + differing > 0) {
                differences.add(new Difference(name, onlyLive, onlyRebuilt, differing, examples));
            }
        }
        return differences;
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < 3) {
            examples.add(example);
        }
    }

    /** The names (never the values, which may be sealed personal data) of the top-level fields that differ. */
    private static Set<String> fieldsThatDiffer(Document a, Document b) {
        Set<String> fields = new TreeSet<>();
        Map<String, Object> all = new LinkedHashMap<>(a);
        all.putAll(b);
        for (String field : all.keySet()) {
            Object x = a.get(field);
            Object y = b.get(field);
            if (x == null ? y != null : !x.equals(y)) {
                fields.add(field);
            }
        }
        return fields;
    }
}
