package org.heard.gateway.outbound;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.heard.contracts.Topic;
import org.heard.contracts.cases.ConsentGiven;
import org.heard.contracts.cases.ConsentScope;
import org.heard.contracts.cases.ConsentWithdrawn;
import org.heard.contracts.envelope.EventReader;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.FrameworkItemDefined;
import org.heard.contracts.outcomes.FrameworkItemRemoved;
import org.heard.contracts.outcomes.FrameworkVersionDrafted;
import org.heard.contracts.outcomes.FrameworkVersionPublished;
import org.heard.contracts.outcomes.FrameworkVersionRetired;
import org.heard.contracts.persons.PersonErased;
import org.heard.gateway.apply.Identities;
import org.heard.kit.security.KafkaConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps {@link SharedRecords} in step with heard.outcome.v1 and heard.case.v1: frameworks, completed assessments,
 * consent to sharing with the trust, erasures (which also make the gateway forget the person's identifiers). Every
 * write is an idempotent upsert, so offsets are committed after the writes and a redelivery changes nothing.
 * Records that cannot be read are counted and skipped here: reporting-service parks them on the dead-letter topic.
 */
public class OutboundConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboundConsumer.class);

    private final KafkaConnection kafka;
    private final String groupId;
    private final SharedRecords records;
    private final Identities identities;
    private final MeterRegistry meters;
    private final EventReader reader = EventReader.forCatalogue();
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public OutboundConsumer(KafkaConnection kafka, String groupId, SharedRecords records, Identities identities,
                            MeterRegistry meters) {
        this.kafka = kafka;
        this.groupId = groupId;
        this.records = records;
        this.identities = identities;
        this.meters = meters;
    }

    void apply(EventReader.Accepted accepted) {
        Object event = accepted.event();
        if (event instanceof FrameworkVersionDrafted e) {
            records.drafted(e);
        } else if (event instanceof FrameworkItemDefined e) {
            records.itemDefined(e);
        } else if (event instanceof FrameworkItemRemoved e) {
            records.itemRemoved(e);
        } else if (event instanceof FrameworkVersionPublished e) {
            records.published(e);
        } else if (event instanceof FrameworkVersionRetired e) {
            records.retired(e);
        } else if (event instanceof AssessmentCompleted e) {
            records.assessment(e);
        } else if (event instanceof ConsentGiven e && e.scope() == ConsentScope.SHARING_WITH_TRUST) {
            records.consent(e.personId(), true, accepted.envelope().time().toInstant());
        } else if (event instanceof ConsentWithdrawn e && e.scope() == ConsentScope.SHARING_WITH_TRUST) {
            records.consent(e.personId(), false, accepted.envelope().time().toInstant());
        } else if (event instanceof PersonErased e) {
            records.erase(e.personId());
            identities.forget(e.personId());
        }
    }

    private void loop() {
        while (running) {
            try {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : batch) {
                    EventReader.Read read = reader.read(record);
                    if (read instanceof EventReader.Accepted accepted) {
                        apply(accepted);
                    } else if (read instanceof EventReader.Poison) {
                        meters.counter("heard.gateway.outbound.skipped").increment();
                    }
                }
                if (!batch.isEmpty()) {
                    consumer.commitSync();
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // the database away: read the same records again from the last commit
                log.warn("outbound records not written ({}); reading them again", e.getClass().getSimpleName());
                meters.counter("heard.gateway.outbound.failures").increment();
                consumer.committed(consumer.assignment()).forEach((partition, offset) ->
                        consumer.seek(partition, offset == null ? 0 : offset.offset()));
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        Map<String, Object> config = new HashMap<>(kafka.client());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topic.CASE.topicName(), Topic.OUTCOME.topicName()));
        running = true;
        thread = new Thread(this::loop, "outbound-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
