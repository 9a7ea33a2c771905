package org.heard.reporting.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

/**
 * {@code projection_offsets}: per topic partition, the offset up to which a generation's projections hold every
 * record, written after the projection writes of each batch. It, not the consumer group's committed offsets, is where
 * consuming resumes: a store that lost its last writes (the embedded store flushes every 100 ms) also lost the offsets
 * that covered them, so those records are read and applied again (harmlessly: every projection is idempotent), and an
 * empty store is refilled from offset zero by itself. The group's offsets are still committed, for Kafka's tools.
 */
public class OffsetStore {

    public static final String COLLECTION = "projection_offsets";

    private final MongoCollection<Document> collection;

    public OffsetStore(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    public Map<TopicPartition, Long> load() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Document d : collection.find()) {
            offsets.put(new TopicPartition(d.getString("topic"), d.getInteger("partition")),
                    ((Number) d.get("offset")).longValue());
        }
        return offsets;
    }

    /** Records the next offsets to read; a partition not named keeps what it had. */
    public void save(Map<TopicPartition, Long> next) {
        if (next.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        next.forEach((partition, offset) -> writes.add(new ReplaceOneModel<>(
                Filters.eq("_id", partition.topic() + "-" + partition.partition()),
                new Document("_id", partition.topic() + "-" + partition.partition()).append("topic", partition.topic())
                        .append("partition", partition.partition()).append("offset", offset),
                new ReplaceOptions().upsert(true))));
        collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }
}
