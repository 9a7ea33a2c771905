package org.heard.contracts.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.heard.contracts.Topic;

/**
 * Creates Heard's topics when they are missing, all with the same partition count so that one person's events share a
 * partition number in every topic. On a managed cluster where topics are provisioned by operations, turn it off.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /**
     * Ensures every topic of the catalogue exists; topics it creates keep their records for ever (no time or size
     * retention), since projections are rebuilt from offset zero. Existing topics are left as they are.
     *
     * @return true when all topics exist afterwards; false when the broker could not be reached in time (the caller
     *         carries on: publishing waits for the broker anyway)
     * @throws IllegalStateException when an existing event topic has a different partition count from the others,
     *                               which would break co-partitioning
     */
    public static boolean ensureTopics(Map<String, Object> clientProperties, int partitions, short replicationFactor,
                                       long timeoutMillis) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMillis, 5000));
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                if (!existing.contains(topic.topicName())) {
                    // Kept for ever: the topics are the record projections are rebuilt from, from offset zero.
                    missing.add(new NewTopic(topic.topicName(), partitions, replicationFactor)
                            .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1")));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
            List<String> names = Topic.eventTopics().stream().map(Topic::topicName).toList();
            Map<String, TopicDescription> descriptions =
                    admin.describeTopics(names).allTopicNames().get(timeoutMillis, TimeUnit.MILLISECONDS);
            long distinctCounts = descriptions.values().stream().mapToInt(d -> d.partitions().size()).distinct().count();
            if (distinctCounts > 1) {
                throw new IllegalStateException("Heard's event topics must have one partition count (co-partitioned by"
                        + " person); found " + descriptions.values().stream()
                        .map(d -> d.name() + "=" + d.partitions().size()).toList());
            }
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
