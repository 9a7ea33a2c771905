package org.heard.reporting.ops;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.heard.contracts.Topic;
import org.heard.kit.web.UnknownResource;
import org.heard.reporting.ReportingProperties;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * The records parked on {@code heard.deadletter.v1}, as operations work with them: listed by reason and origin (their
 * content is never shown: it may hold personal data), replayed onto the topic they came from once whatever made them
 * fail is fixed, or marked resolved. What was done to each is kept in {@code dead_letter_action} of the base database
 * (it outlives projection generations). A replayed record is read again by the live consumer like any other: applied if
 * it now can be (every projection is idempotent), parked again with a new offset if not.
 */
public class DeadLetterArchive {

    public static final String ACTIONS = "dead_letter_action";
    private static final String DLT = Topic.DEAD_LETTER.topicName();

    /** What an operator did with a parked record. */
    public enum Status { PARKED, REPLAYED, RESOLVED }

    /**
     * One parked record.
     *
     * @param partition       its partition on the dead-letter topic
     * @param offset          its offset there
     * @param parkedAt        when it was parked
     * @param originTopic     the topic it came from
     * @param originPartition the partition it came from
     * @param originOffset    its offset there
     * @param reason          why it was parked (the rule or the exception's class)
     * @param consumer        the consumer group that parked it
     * @param eventType       its {@code ce_type}, if it had one
     * @param eventId         its {@code ce_id}, if it had one
     * @param status          parked, replayed or resolved
     * @param actionBy        who replayed or resolved it
     * @param actionAt        when
     */
    public record Parked(int partition, long offset, Instant parkedAt, String originTopic, Integer originPartition,
                         Long originOffset, String reason, String consumer, String eventType, String eventId,
                         Status status, String actionBy, Instant actionAt) {
    }

    private final ReportingProperties properties;
    private final Producer<String, byte[]> producer;
    private final MongoCollection<Document> actions;
    private final Clock clock;

    public DeadLetterArchive(ReportingProperties properties, Producer<String, byte[]> producer, MongoDatabase base,
                             Clock clock) {
        this.properties = properties;
        this.producer = producer;
        this.actions = base.getCollection(ACTIONS);
        this.clock = clock;
    }

    /** Every parked record in offset order (each partition in turn), with what was done to it. */
    public List<Parked> list() {
        Map<String, Document> done = new HashMap<>();
        for (Document action : actions.find()) {
            done.put(action.getString("_id"), action);
        }
        List<Parked> parked = new ArrayList<>();
        read(record -> {
            parked.add(parked(record, done.get(id(record.partition(), record.offset()))));
            return false;
        });
        return parked;
    }

    /** Sends the parked record at this place back to the topic it came from, as it was; records who did. */
    public Parked replay(int partition, long offset, String by) {
        ConsumerRecord<String, byte[]> record = find(partition, offset);
        String origin = text(record, "heard.dlt.topic");
        if (origin == null || !Topic.eventTopics().contains(Topic.byName(origin))) {
            throw new org.heard.kit.web.RuleViolation("not-replayable", "The parked record names no event topic");
        }
        ProducerRecord<String, byte[]> again = new ProducerRecord<>(origin, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith("heard.dlt.")) {
                again.headers().add(header);
            }
        }
        again.headers().add("heard.dlt.replayed-from", (partition + "@" + offset).getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(again).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new org.heard.kit.web.Unavailable("Kafka did not take the replayed record; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.heard.kit.web.Unavailable("interrupted");
        }
        return record(record, Status.REPLAYED, by);
    }

    /** Marks the parked record at this place as dealt with, without replaying it. */
    public Parked resolve(int partition, long offset, String by) {
        return record(find(partition, offset), Status.RESOLVED, by);
    }

    private Parked record(ConsumerRecord<String, byte[]> record, Status status, String by) {
        Document action = new Document("_id", id(record.partition(), record.offset())).append("status", status.name())
                .append("by", by).append("at", Date.from(clock.instant()));
        actions.replaceOne(Filters.eq("_id", action.getString("_id")), action, new ReplaceOptions().upsert(true));
        return parked(record, action);
    }

    private ConsumerRecord<String, byte[]> find(int partition, long offset) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition place = new TopicPartition(DLT, partition);
            if (consumer.partitionsFor(DLT, Duration.ofSeconds(10)).stream().noneMatch(p -> p.partition() == partition)) {
                throw new UnknownResource("No parked record at " + partition + "@" + offset);
            }
            consumer.assign(List.of(place));
            long end = consumer.endOffsets(List.of(place)).get(place);
            if (offset < 0 || offset >= end) {
                throw new UnknownResource("No parked record at " + partition + "@" + offset);
            }
            consumer.seek(place, offset);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (found.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        found.add(record);
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new UnknownResource("No parked record at " + partition + "@" + offset);
        }
        return found.get(0);
    }

    /** Reads the dead-letter topic from the start to its end now, until the visitor returns true. */
    private void read(Predicate<ConsumerRecord<String, byte[]>> visitor) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(DLT, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(DLT, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(DLT, record.partition())) && visitor.test(record)) {
                        return;
                    }
                }
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(properties.kafka().client());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.kafka().groupId() + "-dead-letters");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Parked parked(ConsumerRecord<String, byte[]> record, Document action) {
        String partition = text(record, "heard.dlt.partition");
        String offset = text(record, "heard.dlt.offset");
        return new Parked(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                text(record, "heard.dlt.topic"), partition == null ? null : Integer.valueOf(partition),
                offset == null ? null : Long.valueOf(offset), text(record, "heard.dlt.reason"),
                text(record, "heard.dlt.consumer"), shown(text(record, "ce_type"), "[A-Za-z0-9_.-]{1,120}"),
                shown(text(record, "ce_id"), "[A-Za-z0-9-]{1,64}"),
                action == null ? Status.PARKED : Status.valueOf(action.getString("status")),
                action == null ? null : action.getString("by"),
                action == null ? null : action.getDate("at").toInstant());
    }

    private static String text(ConsumerRecord<String, byte[]> record, String header) {
        Header found = record.headers().lastHeader(header);
        return found == null ? null : new String(found.value(), StandardCharsets.UTF_8);
    }

    /** A header of the parked record only if it looks like what it should be (a producer could put anything there). */
    private static String shown(String value, String pattern) {
        return value == null || value.matches(pattern) ? value : "(not shown)";
    }

    private static String id(int partition, long offset) {
        return partition + "@" + offset;
    }
}
