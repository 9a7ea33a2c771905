package org.heard.reporting;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where reporting-service reads from and writes to ({@code heard.*}).
 *
 * @param kafka the brokers and the consumer group
 * @param mongo the MongoDB that holds the projections
 * @param rebuild how projections are rebuilt from offset zero
 */
@ConfigurationProperties("heard")
public record ReportingProperties(@DefaultValue Kafka kafka, @DefaultValue Mongo mongo, @DefaultValue Rebuild rebuild) {

    /**
     * How a rebuild reads the topics from offset zero ({@code heard.rebuild.*}).
     *
     * @param passBytes      the most a pass holds in memory before it leaves half of its people to a later pass
     *                       (the previous pass may be being written meanwhile: reckon with twice this)
     * @param maxPollRecords records per poll of the rebuild's own consumer
     * @param logEvery       how often progress is logged
     */
    public record Rebuild(
            @DefaultValue("96MB") org.springframework.util.unit.DataSize passBytes,
            @DefaultValue("5000") int maxPollRecords,
            @DefaultValue("5s") Duration logEvery) {
    }

    /**
     * @param bootstrapServers  the brokers
     * @param groupId           the consumer group of the projections
     * @param createTopics      create missing topics at start
     * @param partitions        partition count for created topics
     * @param replicationFactor replication factor for created topics
     * @param maxPollRecords    records per poll, and so the largest batch written to MongoDB at once
     * @param retryBackoff      wait before retrying a batch whose MongoDB write failed
     * @param stallAfter        records waiting with nothing applied for this long make the consumer stalled (health)
     * @param followPeersEvery  how often this instance takes in what other instances of its group changed
     * @param client            further consumer/producer properties passed as they are (security, SASL, TLS)
     */
    public record Kafka(
            @DefaultValue("localhost:9092") String bootstrapServers,
            @DefaultValue("heard-reporting") String groupId,
            @DefaultValue("true") boolean createTopics,
            @DefaultValue("3") int partitions,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("1000") int maxPollRecords,
            @DefaultValue("1s") Duration retryBackoff,
            @DefaultValue("60s") Duration stallAfter,
            @DefaultValue("2s") Duration followPeersEvery,
            Map<String, String> client) {

        public Kafka {
            client = client == null ? Map.of() : Map.copyOf(client);
        }
    }

    /**
     * @param uri      a MongoDB connection string
     * @param database the database of the projections
     */
    public record Mongo(
            @DefaultValue("mongodb://localhost:27017") String uri,
            @DefaultValue("heard_reporting") String database) {
    }
}
