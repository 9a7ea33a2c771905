package org.heard.outcomes.impact;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.GoalSet;
import org.heard.contracts.outcomes.OutcomeRecorded;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code known_case}: the cases outcome-service has records about (assessments, outcomes, goals). A systemic issue is
 * linked only to such cases. Kept in the command's transaction (subscribing).
 */
@Component
@ProcessingGroup(KnownCases.GROUP)
public class KnownCases {

    public static final String GROUP = "known-cases";

    private final JdbcTemplate jdbc;

    public KnownCases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isKnown(String caseId) {
        Long count = jdbc.queryForObject("select count(*) from known_case where case_id = ?", Long.class, caseId);
        return count != null && count > 0;
    }

    private void know(String caseId) {
        jdbc.update("insert into known_case (case_id) values (?) on conflict do nothing", caseId);
    }

    @EventHandler
    void on(AssessmentCompleted event) {
        know(event.caseId());
    }

    @EventHandler
    void on(OutcomeRecorded event) {
        know(event.caseId());
    }

    @EventHandler
    void on(GoalSet event) {
        know(event.caseId());
    }
}
