package org.heard.outcomes.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.heard.contracts.Topic;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseReopened;
import org.heard.contracts.cases.ConsentGiven;
import org.heard.contracts.cases.ConsentScope;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.persons.ErasureReason;
import org.heard.contracts.persons.PersonErased;
import org.heard.outcomes.directory.DirectoryChange.AdvocateChange;
import org.heard.contracts.cases.CaseStatus;
import org.heard.outcomes.directory.DirectoryChange.CaseStatusChange;
import org.heard.outcomes.directory.DirectoryChange.PersonErasure;
import org.junit.jupiter.api.Test;

/** What each published case event changes in the directory, as a pure function. */
class DirectoryChangeTest {

    private static final String PERSON = "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e";
    private static final String CASE = "6f1d7c2e-4b4a-4e57-9a53-2a8f0c1d9b10";

    @Test
    void aReopenedCaseIsAcceptedAgainAsOfItsSequence() {
        assertThat(DirectoryChange.of(new CaseReopened(CASE, PERSON, LocalDate.now()), 7))
                .contains(new CaseStatusChange(CASE, PERSON, CaseStatus.OPEN, 7));
    }

    @Test
    void anAssignmentNamesTheAdvocate() {
        assertThat(DirectoryChange.of(new AdvocateAssigned(CASE, PERSON, "advocate-3"), 2))
                .contains(new AdvocateChange(CASE, PERSON, "advocate-3", 2));
    }

    @Test
    void anErasureIsKept() {
        assertThat(DirectoryChange.of(new PersonErased(PERSON, ErasureReason.OTHER, LocalDate.now()), 4))
                .contains(new PersonErasure(PERSON));
    }

    @Test
    void eventsTheDirectoryDoesNotNeedChangeNothing() {
        assertThat(DirectoryChange.of(new ConsentGiven(PERSON, ConsentScope.EVALUATION, LocalDate.now()), 1)).isEmpty();
    }

    @Test
    void anIdThatCannotBeKeptIsRefusedNamingTheFieldOnly() {
        assertThatThrownBy(() -> DirectoryChange.of(new AdvocateAssigned(CASE, PERSON, "x".repeat(201)), 1))
                .isInstanceOf(DirectoryChange.InvalidEvent.class).hasMessage("advocateId is missing or longer than 200");
        assertThatThrownBy(() -> DirectoryChange.of(new AdvocateAssigned(null, PERSON, "a"), 1))
                .hasMessage("caseId is missing or longer than 64");
        assertThatThrownBy(() -> DirectoryChange.of(new AdvocateAssigned(CASE, "a\u0000b", "a"), 1))
                .hasMessage("personId holds a control character");
    }

    @Test
    void aRecordIsReadIntoItsChangesOrTheReasonItWasSkipped() {
        EventEnvelope envelope = EventEnvelope.wrap(new AdvocateAssigned(CASE, PERSON, "advocate-3"), "e-1",
                URI.create("/heard/case-service"), "AdvocacyCase", CASE, 2, OffsetDateTime.now(ZoneOffset.UTC), null);
        ProducerRecord<String, byte[]> sent = EnvelopeCodec.toRecord(Topic.CASE, envelope);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(sent.topic(), 0, 0, sent.key(), sent.value());
        sent.headers().forEach(header -> record.headers().add(header));

        assertThat(DirectoryConsumer.read(record).changes()).containsExactly(
                new AdvocateChange(CASE, PERSON, "advocate-3", 2));
        assertThat(DirectoryConsumer.read(new ConsumerRecord<>(Topic.CASE.topicName(), 0, 1, PERSON,
                "{}".getBytes())).skipped()).isEqualTo("unreadable-envelope");
    }
}
