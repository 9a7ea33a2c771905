package org.heard.cases.access;

import java.sql.Timestamp;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.heard.contracts.persons.AccessGranted;
import org.heard.contracts.persons.PersonErased;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code access_grant} from the {@code AccessGranted} events, in the command's transaction (subscribing), so a
 * grant can be used the moment it is answered. An erased person's grants go with them.
 */
@Component
@ProcessingGroup(AccessGrantProjection.GROUP)
public class AccessGrantProjection {

    public static final String GROUP = "access-grants";

    private final JdbcTemplate jdbc;

    public AccessGrantProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccessGranted event) {
        jdbc.update("insert into access_grant (grant_id, person_id, advocate_id, provider_id, expires_at)"
                        + " values (?, ?, ?, ?, ?) on conflict (grant_id) do nothing", event.grantId(),
                event.personId(), event.advocateId(), event.providerId(), Timestamp.from(event.expiresAt()));
    }

    @EventHandler
    void on(PersonErased event) {
        jdbc.update("delete from access_grant where person_id = ?", event.personId());
    }
}
