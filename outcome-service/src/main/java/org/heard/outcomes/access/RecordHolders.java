package org.heard.outcomes.access;

import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.heard.contracts.outcomes.GoalSet;
import org.heard.contracts.outcomes.OutcomeRecorded;
import org.heard.contracts.outcomes.Perspective;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code record_holder}: whom each outcome and goal is about (person and case) and, for an outcome, its perspective,
 * so that a revision, rating or ending is checked against the record as it was recorded, never against what the
 * request body claims. Kept in the command's transaction (subscribing), so a record is checkable the moment it exists.
 */
@Component
@ProcessingGroup(RecordHolders.GROUP)
public class RecordHolders {

    public static final String GROUP = "record-holders";

    /** A recorded outcome or goal: the person and case it is about, and the outcome's perspective (null for goals). */
    public record Held(String recordId, String personId, String caseId, Perspective perspective) {
    }

    private final JdbcTemplate jdbc;

    public RecordHolders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Held> find(String recordId) {
        return jdbc.query("select record_id, person_id, case_id, perspective from record_holder where record_id = ?",
                (row, n) -> new Held(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4) == null ? null : Perspective.valueOf(row.getString(4))), recordId)
                .stream().findFirst();
    }

    @EventHandler
    void on(OutcomeRecorded event) {
        hold(event.outcomeId(), event.personId(), event.caseId(), event.perspective().name());
    }

    @EventHandler
    void on(GoalSet event) {
        hold(event.goalId(), event.personId(), event.caseId(), null);
    }

    private void hold(String recordId, String personId, String caseId, String perspective) {
        jdbc.update("insert into record_holder (record_id, person_id, case_id, perspective) values (?, ?, ?, ?)"
                + " on conflict (record_id) do nothing", recordId, personId, caseId, perspective);
    }
}
