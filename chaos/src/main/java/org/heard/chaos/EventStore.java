package org.heard.chaos;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.heard.contracts.EventCatalogue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The two event stores of the stack (PostgreSQL {@code domain_event_entry} of heard_case and heard_outcome), read whole. */
final class EventStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One stored event; the payload is parsed only for the types a check looks into. */
    record StoredEvent(String database, String eventId, String aggregateId, long sequence, String payloadType,
                       JsonNode payload) {

        /** Whether it is one of the types Heard publishes (its id must then be a CloudEvents id on Kafka). */
        boolean published() {
            try {
                return EventCatalogue.forClass(Class.forName(payloadType)).isPresent();
            } catch (ClassNotFoundException internal) {
                return false;
            }
        }
    }

    private final StackUnderTest stack;

    EventStore(StackUnderTest stack) {
        this.stack = stack;
    }

    List<StoredEvent> readAll() throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        for (String database : List.of("heard_case", "heard_outcome")) {
            try (Connection connection = DriverManager.getConnection(stack.postgresUrl(database), "postgres",
                    "postgres");
                 Statement statement = connection.createStatement()) {
                statement.setFetchSize(2000);
                connection.setAutoCommit(false);
                try (ResultSet rows = statement.executeQuery("select event_identifier, aggregate_identifier,"
                        + " sequence_number, payload_type, payload from domain_event_entry order by global_index")) {
                    while (rows.next()) {
                        byte[] payload = rows.getBytes(5);
                        events.add(new StoredEvent(database, rows.getString(1), rows.getString(2), rows.getLong(3),
                                rows.getString(4), JSON.readTree(new String(payload, StandardCharsets.UTF_8))));
                    }
                }
            }
        }
        return events;
    }
}
