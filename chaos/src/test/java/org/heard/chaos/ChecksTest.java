package org.heard.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.bson.types.Binary;
import org.heard.chaos.EventStore.StoredEvent;
import org.heard.chaos.Ledger.Command;
import org.heard.chaos.Ledger.Kind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The drill's checks as pure functions: what counts as missing, doubled, unpublished or a projection mismatch. */
class ChecksTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private int nextEvent;

    private Command acknowledged(Kind kind, String personId, String caseId, String createdId) {
        Command command = new Command(kind, "key-" + (++nextEvent), 1, personId, caseId);
        command.acknowledged = true;
        command.createdId = createdId;
        return command;
    }

    private StoredEvent event(Kind kind, String aggregateId, String payload) {
        return new StoredEvent("heard_case", "event-" + (++nextEvent), aggregateId, 0, kind.eventClass,
                JSON.readTree(payload));
    }

    /** The commands of one journey and the events stored for them. */
    private record Journey(List<Command> commands, List<StoredEvent> events) {
    }

    /** One whole journey, acknowledged and stored once. */
    private Journey journey(String person, String kase) {
        List<Command> commands = List.of(
                acknowledged(Kind.REGISTER_PERSON, null, null, person),
                acknowledged(Kind.RECEIVE_REFERRAL, person, null, kase),
                acknowledged(Kind.ACCEPT_REFERRAL, person, kase, null),
                acknowledged(Kind.RECORD_INVOLVEMENT, person, kase, "inv-" + kase),
                acknowledged(Kind.RECORD_ASSESSMENT, person, kase, "assessment-" + kase));
        List<StoredEvent> events = List.of(
                event(Kind.REGISTER_PERSON, person, "{\"personId\":\"" + person + "\"}"),
                event(Kind.RECEIVE_REFERRAL, kase, "{\"caseId\":\"" + kase + "\",\"personId\":\"" + person + "\"}"),
                event(Kind.ACCEPT_REFERRAL, kase, "{\"caseId\":\"" + kase + "\"}"),
                event(Kind.RECORD_INVOLVEMENT, kase, "{\"caseId\":\"" + kase + "\",\"involvementId\":\"inv-" + kase
                        + "\"}"),
                event(Kind.RECORD_ASSESSMENT, "assessment-" + kase, "{\"personId\":\"" + person + "\"}"));
        return new Journey(new ArrayList<>(commands), new ArrayList<>(events));
    }

    @Nested
    class EveryAcknowledgedCommandIsStoredExactlyOnce {

        @Test
        void aJourneyStoredOnceHasNothingMissingOrDoubled() {
            Journey journey = journey("p1", "c1");

            Checks.StoreResult result = Checks.exactlyOnce(journey.commands(), journey.events());

            assertThat(result.acknowledged()).isEqualTo(5);
            assertThat(result.missingCount()).isZero();
            assertThat(result.duplicateCount()).isZero();
        }

        @Test
        void anAcknowledgedAcceptanceWhoseEventIsNotStoredIsMissing() {
            Journey journey = journey("p1", "c1");
            journey.events().removeIf(e -> e.payloadType().equals(Kind.ACCEPT_REFERRAL.eventClass));

            assertThat(Checks.exactlyOnce(journey.commands(), journey.events()).missing())
                    .isEqualTo(Map.of(Kind.ACCEPT_REFERRAL, 1));
        }

        @Test
        void anInvolvementStoredUnderAnotherIdDoesNotProveTheAcknowledgedOne() {
            Journey journey = journey("p1", "c1");
            journey.events().removeIf(e -> e.payloadType().equals(Kind.RECORD_INVOLVEMENT.eventClass));
            journey.events().add(event(Kind.RECORD_INVOLVEMENT, "c1", "{\"involvementId\":\"another\"}"));

            assertThat(Checks.exactlyOnce(journey.commands(), journey.events()).missing())
                    .isEqualTo(Map.of(Kind.RECORD_INVOLVEMENT, 1));
        }

        @Test
        void aReferralAppliedTwiceUnderOneKeyIsADuplicateThoughOnlyOneCaseIdWasAnswered() {
            Journey journey = journey("p1", "c1");
            journey.events().add(event(Kind.RECEIVE_REFERRAL, "c2", "{\"caseId\":\"c2\",\"personId\":\"p1\"}"));

            Checks.StoreResult result = Checks.exactlyOnce(journey.commands(), journey.events());

            assertThat(result.duplicates()).isEqualTo(Map.of(Kind.RECEIVE_REFERRAL, 1));
            assertThat(result.missingCount()).isZero();
        }

        @Test
        void anAcceptanceStoredTwiceOnTheCaseIsADuplicateEvenIfItsCommandWasNeverAnswered() {
            Journey journey = journey("p1", "c1");
            journey.commands().get(2).acknowledged = false;
            journey.events().add(event(Kind.ACCEPT_REFERRAL, "c1", "{\"caseId\":\"c1\"}"));

            assertThat(Checks.exactlyOnce(journey.commands(), journey.events()).duplicates())
                    .isEqualTo(Map.of(Kind.ACCEPT_REFERRAL, 1));
        }

        @Test
        void morePeopleRegisteredThanRegistrationsSentIsADuplicate() {
            Journey journey = journey("p1", "c1");
            journey.events().add(event(Kind.REGISTER_PERSON, "p9", "{\"personId\":\"p9\"}"));

            assertThat(Checks.exactlyOnce(journey.commands(), journey.events()).duplicates())
                    .isEqualTo(Map.of(Kind.REGISTER_PERSON, 1));
        }
    }

    @Nested
    class EveryStoredPublishedEventIsOnKafkaAndNothingElse {

        @Test
        void storedEventsOfPublishedTypesMustHaveTheirIdOnKafka() {
            List<StoredEvent> events = journey("p1", "c1").events();
            Map<String, Integer> kafka = new TreeMap<>();
            events.stream().skip(1).forEach(e -> kafka.put(e.eventId(), 1));
            kafka.put("not-stored", 1);
            kafka.merge(events.get(2).eventId(), 1, Integer::sum);

            Checks.KafkaResult result = Checks.published(events, kafka);

            assertThat(result.storedPublished()).isEqualTo(5);
            assertThat(result.notOnKafka()).isEqualTo(1);
            assertThat(result.notInStore()).isEqualTo(1);
            assertThat(result.redelivered()).isEqualTo(1);
        }

        @Test
        void anInternalEventTypeNeedNotBePublished() {
            StoredEvent internal = new StoredEvent("heard_case", "e", "a", 0, "org.heard.cases.SomethingInternal",
                    JSON.readTree("{}"));

            assertThat(Checks.published(List.of(internal), Map.of()).notOnKafka()).isZero();
        }
    }

    @Nested
    class LiveProjectionsAgainstARebuild {

        private ProjectionCheck.Snapshot snapshot(Document... timelines) {
            Map<String, Document> documents = new TreeMap<>();
            for (Document timeline : timelines) {
                ProjectionCheck.BOOKKEEPING.get("person_timeline").forEach(timeline::remove);
                documents.put(timeline.getString("_id"), timeline);
            }
            return new ProjectionCheck.Snapshot(1, Map.of("person_timeline", documents));
        }

        private Document timeline(String id, int version, byte... entries) {
            return new Document("_id", id).append("version", version).append("entries", new Binary(entries));
        }

        @Test
        void documentsThatDifferOnlyInTheirWriteCounterAreEqual() {
            assertThat(ProjectionCheck.compare(snapshot(timeline("p1", 7, (byte) 1, (byte) 2)),
                    snapshot(timeline("p1", 2, (byte) 1, (byte) 2)))).isEmpty();
        }

        @Test
        void aTimelineMissingAnEntryAndAPersonMissingAltogetherAreCountedWithTheFieldThatDiffers() {
            List<ProjectionCheck.Difference> differences = ProjectionCheck.compare(
                    snapshot(timeline("p1", 1, (byte) 1), timeline("p2", 1, (byte) 3)),
                    snapshot(timeline("p1", 1, (byte) 1, (byte) 2)));

            assertThat(differences).hasSize(1);
            ProjectionCheck.Difference difference = differences.get(0);
            assertThat(difference.collection()).isEqualTo("person_timeline");
            assertThat(difference.differing()).isEqualTo(1);
            assertThat(difference.onlyLive()).isEqualTo(1);
            assertThat(difference.onlyRebuilt()).isZero();
            assertThat(difference.examples()).contains("p1 differs in [entries]", "p2 only live");
        }
    }
}
