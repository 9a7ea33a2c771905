package org.heard.cases.person;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.heard.contracts.persons.PersonErased;
import org.heard.kit.idempotency.ErasedAnswers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What erasure removes besides the person's key, in the transaction that records it: kept idempotent answers naming
 * the person or one of their cases, and their cases' {@code case_summary} rows (so the cases leave every caseload;
 * commands on them are still refused as the person's erasure, from the event store and {@code person_standing}).
 */
@Component
@ProcessingGroup(PersonStandingProjection.GROUP)
class ErasureLeftovers {

    private final JdbcTemplate jdbc;

    ErasureLeftovers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PersonErased event) {
        List<String> ids = new ArrayList<>(jdbc.queryForList("select case_id from case_summary where person_id = ?",
                String.class, event.personId()));
        ids.add(event.personId());
        ErasedAnswers.forget(jdbc, ids);
        jdbc.update("delete from case_summary where person_id = ?", event.personId());
    }
}
