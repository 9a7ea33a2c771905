package org.heard.kit.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The outbox's batch rule with Kafka's own producer test double: a unit of work of several events commits only once
 * every event is acknowledged, and what Kafka did not take is sent again from the first unacknowledged event, in order.
 */
class KafkaEventPublisherTest {

    private final MockProducer<String, byte[]> kafka = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    private final KafkaEventPublisher publisher = new KafkaEventPublisher(kafka, URI.create("/heard/test"),
            Duration.ofMillis(50), new SimpleMeterRegistry());

    private static GenericDomainEventMessage<ReferralReceived> referral(String caseId, long sequence) {
        return new GenericDomainEventMessage<>("AdvocacyCase", caseId, sequence, new ReferralReceived(caseId,
                "person-1", AdvocacyType.IMHA, ReferralSource.SELF, LocalDate.parse("2026-03-02"), null, null, null,
                null));
    }

    /** Publishes the messages in one unit of work on another thread; returns when that unit of work has committed. */
    private CompletableFuture<Void> publishInOneUnitOfWork(List<GenericDomainEventMessage<ReferralReceived>> messages) {
        return CompletableFuture.runAsync(() -> {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(messages.get(0));
            unitOfWork.execute(() -> {
                for (GenericDomainEventMessage<ReferralReceived> message : messages) {
                    try {
                        publisher.on(message.getPayload(), message);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        });
    }

    @Test
    void aBatchCommitsOnlyOnceKafkaHasAcknowledgedEveryEventOfIt() {
        CompletableFuture<Void> committed = publishInOneUnitOfWork(List.of(referral("a", 0), referral("b", 0),
                referral("c", 0)));

        await().atMost(Duration.ofSeconds(5)).until(() -> kafka.history().size() == 3);
        kafka.completeNext();
        kafka.completeNext();
        assertThat(committed).isNotDone();
        kafka.completeNext();

        await().atMost(Duration.ofSeconds(5)).until(committed::isDone);
        assertThat(kafka.history()).extracting(ProducerRecord::key).containsExactly("person-1", "person-1", "person-1");
    }

    @Test
    void whatKafkaDidNotTakeIsSentAgainFromTheFirstUnacknowledgedEventInOrder() {
        CompletableFuture<Void> committed = publishInOneUnitOfWork(List.of(referral("a", 0), referral("b", 0),
                referral("c", 0)));
        await().atMost(Duration.ofSeconds(5)).until(() -> kafka.history().size() == 3);
        kafka.completeNext();                               // a
        kafka.errorNext(new TimeoutException("broker away")); // b
        kafka.completeNext();                               // c (taken, but after b failed)

        // b and c again, in that order
        await().atMost(Duration.ofSeconds(5)).until(() -> kafka.history().size() == 5);
        assertThat(kafka.history().subList(3, 5)).extracting(r -> new String(r.headers().lastHeader("ce_aggregateid")
                .value())).containsExactly("b", "c");
        assertThat(committed).isNotDone();
        kafka.completeNext();
        kafka.completeNext();
        await().atMost(Duration.ofSeconds(5)).until(committed::isDone);
        assertThat(committed).isNotCompletedExceptionally();
    }
}
