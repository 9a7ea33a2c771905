package org.heard.chaos;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.heard.chaos.EventStore.StoredEvent;
import org.heard.chaos.Ledger.Command;
import org.heard.chaos.Ledger.Kind;

/** The drill's checks of what is stored and published against what the clients were told. */
final class Checks {

    private Checks() {
    }

    /**
     * (a) Every command answered 2xx is in the event store, and none is there twice.
     *
     * @param missing    acknowledged commands whose event is not stored, by kind
     * @param duplicates events stored more often than the commands that ask for them, by kind
     */
    record StoreResult(long acknowledged, Map<Kind, Integer> missing, Map<Kind, Integer> duplicates) {
        int missingCount() {
            return missing.values().stream().mapToInt(Integer::intValue).sum();
        }

        int duplicateCount() {
            return duplicates.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    static StoreResult exactlyOnce(List<Command> commands, List<StoredEvent> events) {
        // events of each type by aggregate, and the few payload fields that tie an event to a journey
        Map<String, Map<String, List<StoredEvent>>> byType = new HashMap<>();
        for (StoredEvent event : events) {
            byType.computeIfAbsent(event.payloadType(), t -> new HashMap<>())
                    .computeIfAbsent(event.aggregateId(), a -> new ArrayList<>()).add(event);
        }
        Map<Kind, Integer> missing = new EnumMap<>(Kind.class);
        Map<Kind, Integer> duplicates = new EnumMap<>(Kind.class);
        long acknowledged = 0;
        Set<String> people = new HashSet<>();
        Set<String> cases = new HashSet<>();
        Map<Kind, Integer> issued = new EnumMap<>(Kind.class);
        for (Command command : commands) {
            issued.merge(command.kind, 1, Integer::sum);
            if (command.kind == Kind.REGISTER_PERSON && command.createdId != null) {
                people.add(command.createdId);
            }
            if (command.kind == Kind.RECEIVE_REFERRAL && command.createdId != null) {
                cases.add(command.createdId);
            }
            if (!command.acknowledged) {
                continue;
            }
            acknowledged++;
            List<StoredEvent> stored = byType.getOrDefault(command.kind.eventClass, Map.of())
                    .getOrDefault(command.aggregateId(), List.of());
            if (command.kind == Kind.RECORD_INVOLVEMENT) {
                stored = stored.stream().filter(e -> command.createdId.equals(
                        e.payload().path("involvementId").asString(""))).toList();
            }
            if (stored.isEmpty()) {
                missing.merge(command.kind, 1, Integer::sum);
            }
        }
        // Each journey registers one person, refers them once, works the case once and assesses them once: more
        // than one such event is a command applied twice (a retry that was not recognised as one).
        int registered = byType.getOrDefault(Kind.REGISTER_PERSON.eventClass, Map.of()).size();
        if (registered > issued.getOrDefault(Kind.REGISTER_PERSON, 0)) {
            duplicates.put(Kind.REGISTER_PERSON, registered - issued.getOrDefault(Kind.REGISTER_PERSON, 0));
        }
        countPerPerson(byType, Kind.RECEIVE_REFERRAL, people, duplicates);
        countPerPerson(byType, Kind.RECORD_ASSESSMENT, people, duplicates);
        for (Kind kind : List.of(Kind.ACCEPT_REFERRAL, Kind.ASSIGN_ADVOCATE, Kind.RECORD_FIRST_CONTACT,
                Kind.RECORD_INVOLVEMENT, Kind.CLOSE_CASE)) {
            Map<String, List<StoredEvent>> byCase = byType.getOrDefault(kind.eventClass, Map.of());
            for (String caseId : cases) {
                int count = byCase.getOrDefault(caseId, List.of()).size();
                if (count > 1) {
                    duplicates.merge(kind, count - 1, Integer::sum);
                }
            }
        }
        return new StoreResult(acknowledged, missing, duplicates);
    }

    private static void countPerPerson(Map<String, Map<String, List<StoredEvent>>> byType, Kind kind,
                                       Set<String> people, Map<Kind, Integer> duplicates) {
        Map<String, Integer> perPerson = new HashMap<>();
        byType.getOrDefault(kind.eventClass, Map.of()).values().forEach(list -> list.forEach(event ->
                perPerson.merge(event.payload().path("personId").asString(""), 1, Integer::sum)));
        for (String person : people) {
            int count = perPerson.getOrDefault(person, 0);
            if (count > 1) {
                duplicates.merge(kind, count - 1, Integer::sum);
            }
        }
    }

    /**
     * (b) Every stored event of a published type reached Kafka (its CloudEvents id is the event store's
     * event_identifier), and every event on Kafka is in the event store.
     *
     * @param redelivered records beyond the first with the same id: allowed (delivery is at least once)
     */
    record KafkaResult(int storedPublished, int onKafka, int notOnKafka, int notInStore, int redelivered) {
    }

    static KafkaResult published(List<StoredEvent> events, Map<String, Integer> kafkaIds) {
        Set<String> stored = new HashSet<>();
        int published = 0;
        int notOnKafka = 0;
        for (StoredEvent event : events) {
            stored.add(event.eventId());
            if (event.published()) {
                published++;
                if (!kafkaIds.containsKey(event.eventId())) {
                    notOnKafka++;
                }
            }
        }
        int notInStore = 0;
        int redelivered = 0;
        for (Map.Entry<String, Integer> id : kafkaIds.entrySet()) {
            if (!stored.contains(id.getKey())) {
                notInStore++;
            }
            redelivered += id.getValue() - 1;
        }
        return new KafkaResult(published, kafkaIds.size(), notOnKafka, notInStore, redelivered);
    }
}
