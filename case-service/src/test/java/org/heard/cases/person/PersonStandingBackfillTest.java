package org.heard.cases.person;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.heard.cases.person.Persons.Standing;
import org.heard.kit.axon.Schemas;
import org.heard.kit.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A store written before person_standing existed: its people get their standing from their stored events, once. */
class PersonStandingBackfillTest {

    private static final String REGISTERED = "org.heard.contracts.persons.PersonRegistered";
    private static final String ERASED = "org.heard.contracts.persons.PersonErased";

    private final DataSource database = new DriverManagerDataSource(TestPostgres.newDatabase("standing"), "postgres",
            "postgres");
    private final JdbcTemplate jdbc = new JdbcTemplate(database);
    private int stored;

    private void stored(String personId, String payloadType) {
        jdbc.update("insert into domain_event_entry (event_identifier, payload, payload_type, time_stamp,"
                        + " aggregate_identifier, sequence_number, type) values (?, '{}'::bytea, ?, '2026-01-01T00:00:00Z',"
                        + " ?, (select count(*) from domain_event_entry where aggregate_identifier = ?), 'Person')",
                "event-" + stored++, payloadType, personId, personId);
    }

    private void start() {
        Schemas.initializer(database, "org-heard-cases-schema.sql").afterPropertiesSet();
    }

    @Test
    void peopleStoredBeforeTheTableExistedAreKnownAfterTheFirstStartAndTheFillRunsOnce() {
        Schemas.initializer(database, "org/heard/kit/axon-postgres-schema.sql").afterPropertiesSet();
        stored("registered", REGISTERED);
        stored("registered", "org.heard.contracts.cases.ConsentGiven");
        stored("registered-then-erased", REGISTERED);
        stored("registered-then-erased", ERASED);
        stored("erased-only", ERASED);
        stored("consent-only", "org.heard.contracts.cases.ConsentGiven");

        start();

        PersonStandingProjection persons = new PersonStandingProjection(jdbc);
        assertThat(persons.of("registered")).isEqualTo(Standing.REGISTERED);
        assertThat(persons.of("registered-then-erased")).isEqualTo(Standing.ERASED);
        assertThat(persons.of("erased-only")).isEqualTo(Standing.ERASED);
        assertThat(persons.of("consent-only")).isEqualTo(Standing.UNKNOWN);
        assertThat(persons.of("never-seen")).isEqualTo(Standing.UNKNOWN);

        // later registrations are the projection's to record; a restart does not scan the store again
        stored("registered-later", REGISTERED);
        start();
        assertThat(persons.of("registered-later")).isEqualTo(Standing.UNKNOWN);
        assertThat(persons.of("registered")).isEqualTo(Standing.REGISTERED);
    }
}
