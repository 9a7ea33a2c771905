package org.heard.outcomes.directory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.heard.contracts.Topic;

/**
 * Whether the directory has read everything {@code heard.case.v1} held at a moment: the end offsets of every partition
 * then ({@link #mark()}) against the offsets the directory's consumer group has committed since ({@link #reached}).
 * The group's committed offsets, not this instance's consumer position: an instance with no partitions assigned (more
 * instances than partitions) can tell as well as the one that reads them. The consumer commits a batch's offsets only
 * after the batch is written, so a reached mark means every person and case published before it is in the directory.
 */
public class DirectoryLag implements AutoCloseable {

    /** The end offset of each partition of {@code heard.case.v1} at one moment. */
    public record Mark(Map<TopicPartition, Long> ends) {
    }

    /** Kafka could not be asked (down or too slow): whether the directory is behind cannot be told. */
    public static class Unknown extends Exception {
        Unknown(Throwable cause) {
            super("the directory's lag could not be read", cause);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;
    private final String groupId;

    public DirectoryLag(Admin admin, String groupId) {
        this.admin = admin;
        this.groupId = groupId;
    }

    /** What the topic holds now (its read-committed end offsets). */
    public Mark mark() throws Unknown {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topic.CASE.topicName()))
                    .allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(Topic.CASE.topicName()).partitions().stream()
                    .map(p -> new TopicPartition(Topic.CASE.topicName(), p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return new Mark(Map.copyOf(ends));
        } catch (ExecutionException | TimeoutException e) {
            throw new Unknown(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unknown(e);
        }
    }

    /** Whether the group has committed, on every partition, at least the mark's end offset. */
    public boolean reached(Mark mark) throws Unknown {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return mark.ends().entrySet().stream().allMatch(end -> {
                OffsetAndMetadata offset = committed.get(end.getKey());
                return end.getValue() == 0 || (offset != null && offset.offset() >= end.getValue());
            });
        } catch (ExecutionException | TimeoutException e) {
            throw new Unknown(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unknown(e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
