package org.heard.reporting.framework;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.heard.contracts.EventCatalogue;
import org.heard.contracts.Topic;
import org.heard.contracts.envelope.EventReader;
import org.heard.reporting.ReportingProperties;
import org.heard.reporting.projection.ProjectedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the {@link FrameworkCatalogue} in step with the outcome topic, the way a global table is kept: its own
 * consumer, in no group, assigned every partition of {@code heard.outcome.v1}, reading from the beginning at each
 * start and then following. Only records whose {@code ce_type} is a framework event are parsed; those that cannot be
 * read are left alone (live ingest parks them on the dead-letter topic).
 */
public class FrameworkCatalogueReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FrameworkCatalogueReader.class);
    private static final Set<String> TYPES = EventCatalogue.all().stream()
            .filter(FrameworkCatalogue::concerns).map(t -> t.type()).collect(Collectors.toSet());

    private final ReportingProperties properties;
    private final EventReader reader;
    private final FrameworkCatalogue catalogue;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    public FrameworkCatalogueReader(ReportingProperties properties, EventReader reader, FrameworkCatalogue catalogue) {
        this.properties = properties;
        this.reader = reader;
        this.catalogue = catalogue;
    }

    @Override
    public void start() {
        Map<String, Object> config = new HashMap<>(properties.kafka().client());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.kafka().groupId() + "-frameworks");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "framework-catalogue");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
            if (partitions == null) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header type = record.headers().lastHeader("ce_type");
                    if (type != null && TYPES.contains(new String(type.value(), StandardCharsets.UTF_8))
                            && reader.read(record) instanceof EventReader.Accepted accepted) {
                        catalogue.apply(ProjectedEvent.of(accepted));
                    }
                }
                if (!catalogue.caughtUp() && partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
                    catalogue.markCaughtUp();
                    log.info("Framework catalogue read: {} framework versions", catalogue.all().size());
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("Framework catalogue reader stopped ({})", e.getClass().getSimpleName());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** The partitions of the outcome topic, waiting for it to exist (null when stopped meanwhile). */
    private List<TopicPartition> partitions() {
        while (running) {
            try {
                List<org.apache.kafka.common.PartitionInfo> infos = consumer.partitionsFor(Topic.OUTCOME.topicName(),
                        Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // the broker is not there yet: ask again
            }
        }
        return null;
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
