package org.heard.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.heard.contracts.EventCatalogue;
import org.heard.contracts.EventType;

/** Every command the clients sent, what they were answered and the ids the answers carried. */
final class Ledger {

    /** What a command does, and the event the event store must then hold for it exactly once. */
    enum Kind {
        REGISTER_PERSON(EventCatalogue.PERSON_REGISTERED),
        RECEIVE_REFERRAL(EventCatalogue.REFERRAL_RECEIVED),
        ACCEPT_REFERRAL(EventCatalogue.REFERRAL_ACCEPTED),
        ASSIGN_ADVOCATE(EventCatalogue.ADVOCATE_ASSIGNED),
        RECORD_FIRST_CONTACT(EventCatalogue.FIRST_CONTACT_MADE),
        RECORD_INVOLVEMENT(EventCatalogue.INVOLVEMENT_RECORDED),
        RECORD_ASSESSMENT(EventCatalogue.ASSESSMENT_COMPLETED),
        CLOSE_CASE(EventCatalogue.CASE_CLOSED);

        /** The stored event's payload type (the event store holds the contract records). */
        final String eventClass;

        Kind(EventType<?> event) {
            this.eventClass = event.dataType().getName();
        }

        /** Commands that create an aggregate (or a record in one) and answer with its new id. */
        boolean creates() {
            return this == REGISTER_PERSON || this == RECEIVE_REFERRAL || this == RECORD_INVOLVEMENT
                    || this == RECORD_ASSESSMENT;
        }
    }

    /** One command, sent (and retried with the same Idempotency-Key) until it was answered or the client gave up. */
    static final class Command {
        final Kind kind;
        final String key;
        final int round;
        final String personId;
        final String caseId;
        volatile int attempts;
        volatile boolean acknowledged;
        /** The id a create was answered with (person, case, involvement or assessment). */
        volatile String createdId;
        /** How the last attempt ended when it was not a 2xx: "409 still in progress", "no answer", … */
        volatile String lastFailure;

        Command(Kind kind, String key, int round, String personId, String caseId) {
            this.kind = kind;
            this.key = key;
            this.round = round;
            this.personId = personId;
            this.caseId = caseId;
        }

        /** The aggregate whose event proves this command, if the client knows it. */
        String aggregateId() {
            return switch (kind) {
                case REGISTER_PERSON, RECEIVE_REFERRAL, RECORD_ASSESSMENT -> createdId;
                default -> caseId;
            };
        }
    }

    private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();

    void add(Command command) {
        commands.add(command);
    }

    List<Command> all() {
        return new ArrayList<>(commands);
    }

    long acknowledged() {
        return commands.stream().filter(c -> c.acknowledged).count();
    }

    long acknowledgedIn(int round) {
        return commands.stream().filter(c -> c.acknowledged && c.round == round).count();
    }

    long sentIn(int round) {
        return commands.stream().filter(c -> c.round == round).count();
    }

    /** Commands never answered 2xx, by how their last attempt ended. */
    Map<String, Integer> unanswered() {
        Map<String, Integer> byFailure = new TreeMap<>();
        for (Command command : commands) {
            if (!command.acknowledged) {
                byFailure.merge(command.kind + ": " + command.lastFailure, 1, Integer::sum);
            }
        }
        return byFailure;
    }

    Map<String, Integer> unansweredIn(int round) {
        Map<String, Integer> byFailure = new TreeMap<>();
        for (Command command : commands) {
            if (!command.acknowledged && command.round == round) {
                byFailure.merge(command.kind + ": " + command.lastFailure, 1, Integer::sum);
            }
        }
        return byFailure;
    }
}
