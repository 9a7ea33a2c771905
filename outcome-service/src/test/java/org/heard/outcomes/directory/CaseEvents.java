package org.heard.outcomes.directory;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.heard.contracts.HeardEvent;
import org.heard.contracts.SealedValue;
import org.heard.contracts.Topic;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.persons.ErasureReason;
import org.heard.contracts.persons.PersonErased;
import org.heard.contracts.persons.PersonRegistered;
import org.heard.contracts.testing.TestKafka;

/**
 * Publishes case events on {@code heard.case.v1} as case-service's publisher does (CloudEvents in binary mode, keyed
 * by person), and records that are not what they should be.
 */
public final class CaseEvents implements AutoCloseable {

    private static final URI SOURCE = URI.create("/heard/case-service");

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
            TestKafka.bootstrapServers(), "acks", "all"), new StringSerializer(), new ByteArraySerializer());

    public void registered(String personId) {
        send(new PersonRegistered(personId, new SealedValue("k", "bmFtZQ=="), null, null, null, null), "Person",
                personId, 0);
    }

    public void erased(String personId, long sequence) {
        send(new PersonErased(personId, ErasureReason.PERSON_REQUEST, LocalDate.now()), "Person", personId, sequence);
    }

    public void referred(String personId, String caseId) {
        send(new ReferralReceived(caseId, personId, AdvocacyType.IMHA, ReferralSource.PROFESSIONAL,
                LocalDate.now().minusDays(1), null, null, null, null), "AdvocacyCase", caseId, 0);
    }

    /** A referral received by a provider (null: one recorded before referrals named their provider). */
    public void referred(String personId, String caseId, String providerId) {
        send(new ReferralReceived(caseId, personId, AdvocacyType.IMHA, ReferralSource.PROFESSIONAL,
                LocalDate.now().minusDays(1), null, null, null, null, providerId), "AdvocacyCase", caseId, 0);
    }

    public void assigned(String personId, String caseId, String advocateId, long sequence) {
        send(new AdvocateAssigned(caseId, personId, advocateId), "AdvocacyCase", caseId, sequence);
    }

    public void assigned(String personId, String caseId, String advocateId, String team, long sequence) {
        send(new AdvocateAssigned(caseId, personId, advocateId, team), "AdvocacyCase", caseId, sequence);
    }

    /** A registered person with a case of the provider, on the advocate's caseload in the team. */
    public void personWithCaseOn(String personId, String caseId, String providerId, String advocateId, String team) {
        registered(personId);
        referred(personId, caseId, providerId);
        assigned(personId, caseId, advocateId, team, 2);
    }

    /** A registered person with a case. */
    public void personWithCase(String personId, String caseId) {
        registered(personId);
        referred(personId, caseId);
    }

    public void send(HeardEvent event, String aggregateType, String aggregateId, long sequence) {
        EventEnvelope envelope = EventEnvelope.wrap(event, UUID.randomUUID().toString(), SOURCE, aggregateType,
                aggregateId, sequence, OffsetDateTime.now(ZoneOffset.UTC), null);
        send(EnvelopeCodec.toRecord(Topic.CASE, envelope));
    }

    public void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the test broker did not take a record", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
