package org.heard.cases.person;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.heard.contracts.persons.PersonErased;
import org.heard.contracts.persons.PersonRegistered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code person_standing} (registered, erased) in a subscribing processor, inside the command's transaction, so
 * that a referral or a command about a person never sees a stale standing. People registered before this table
 * existed are filled in from the event store by {@code org-heard-cases-schema.sql}.
 */
@Component
@ProcessingGroup(PersonStandingProjection.GROUP)
public class PersonStandingProjection implements Persons {

    public static final String GROUP = "person-standing";

    private final JdbcTemplate jdbc;

    public PersonStandingProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Standing of(String personId) {
        return jdbc.query("select registered, erased from person_standing where person_id = ?",
                        (row, n) -> row.getBoolean(2) ? Standing.ERASED
                                : row.getBoolean(1) ? Standing.REGISTERED : Standing.UNKNOWN, personId)
                .stream().findFirst().orElse(Standing.UNKNOWN);
    }

    @EventHandler
    void on(PersonRegistered event) {
        jdbc.update("insert into person_standing (person_id, registered, erased) values (?, true, false)"
                + " on conflict (person_id) do update set registered = true", event.personId());
    }

    @EventHandler
    void on(PersonErased event) {
        jdbc.update("insert into person_standing (person_id, registered, erased) values (?, false, true)"
                + " on conflict (person_id) do update set erased = true", event.personId());
    }
}
