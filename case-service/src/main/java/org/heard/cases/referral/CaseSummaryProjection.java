package org.heard.cases.referral;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.CaseReopened;
import org.heard.contracts.cases.CaseStatus;
import org.heard.contracts.cases.ReferralAccepted;
import org.heard.contracts.cases.ReferralDeclined;
import org.heard.contracts.cases.ReferralReceived;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code case_summary} (whose case, at which provider, on whose caseload and team, open or closed) for the record-level access checks. It
 * runs in a subscribing processor, inside the command's transaction, so a check never sees a stale caseload.
 */
@Component
@ProcessingGroup(CaseSummaryProjection.GROUP)
public class CaseSummaryProjection {

    public static final String GROUP = "case-summary";

    private final JdbcTemplate jdbc;

    public CaseSummaryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReferralReceived event) {
        jdbc.update("insert into case_summary (case_id, person_id, provider_id, status) values (?, ?, ?, ?)"
                + " on conflict (case_id) do nothing", event.caseId(), event.personId(), event.providerId(),
                CaseStatus.after(event).orElseThrow().name());
    }

    @EventHandler
    void on(AdvocateAssigned event) {
        jdbc.update("update case_summary set advocate_id = ?, team = ? where case_id = ?", event.advocateId(),
                event.team(), event.caseId());
    }

    @EventHandler
    void on(ReferralAccepted event) {
        status(event.caseId(), event);
    }

    @EventHandler
    void on(ReferralDeclined event) {
        status(event.caseId(), event);
    }

    @EventHandler
    void on(CaseClosed event) {
        status(event.caseId(), event);
    }

    @EventHandler
    void on(CaseReopened event) {
        status(event.caseId(), event);
    }

    /** The status after the event, from the one table ({@link CaseStatus#after}). */
    private void status(String caseId, Object event) {
        jdbc.update("update case_summary set status = ? where case_id = ?", CaseStatus.after(event).orElseThrow().name(),
                caseId);
    }
}
