package org.heard.gateway.imha;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.heard.contracts.trust.QualifyingEpisodeStarted;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Automatic IMHA referrals still to be opened ({@code referral_request}). A qualifying episode asks for one in the same
 * transaction that stores it (a subscribing handler), so a crash can lose neither; the referral is then opened in
 * case-service by {@link AutomaticReferrals}.
 */
@ProcessingGroup(ReferralRequests.GROUP)
public class ReferralRequests {

    public static final String GROUP = "referral-requests";

    /** One request. */
    public record Request(String qualifyingEpisodeId, String personId, String legalStatusCode, Instant startedAt,
                          Instant notifiedAt, String organisation, int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final ImhaRule rule;

    public ReferralRequests(JdbcTemplate jdbc, ImhaRule rule) {
        this.jdbc = jdbc;
        this.rule = rule;
    }

    @EventHandler
    void on(QualifyingEpisodeStarted event) {
        if (!rule.automaticReferral()) {
            return;
        }
        jdbc.update("insert into referral_request (qualifying_episode_id, person_id, legal_status_code, started_at,"
                        + " notified_at, organisation, status) values (?, ?, ?, ?, ?, ?, 'PENDING')"
                        + " on conflict (qualifying_episode_id) do nothing",
                event.qualifyingEpisodeId(), event.personId(), event.legalStatusCode(),
                Timestamp.from(event.startedAt()), Timestamp.from(event.notifiedAt()), event.organisation());
    }

    public List<Request> pending() {
        return jdbc.query("select qualifying_episode_id, person_id, legal_status_code, started_at, notified_at,"
                        + " organisation, attempts from referral_request where status = 'PENDING' order by"
                        + " requested_seq",
                (rs, n) -> new Request(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getInt(7)));
    }

    void done(String qualifyingEpisodeId, String caseId, String outcome) {
        jdbc.update("update referral_request set status = 'DONE', case_id = ?, outcome = ? where"
                + " qualifying_episode_id = ?", caseId, outcome, qualifyingEpisodeId);
    }

    void refused(String qualifyingEpisodeId, String reason) {
        jdbc.update("update referral_request set status = 'REFUSED', outcome = ? where qualifying_episode_id = ?",
                reason, qualifyingEpisodeId);
    }

    void deferred(String qualifyingEpisodeId, String reason) {
        jdbc.update("update referral_request set attempts = attempts + 1, outcome = ? where qualifying_episode_id = ?",
                reason, qualifyingEpisodeId);
    }

    /** The case opened for a qualifying episode, if any. */
    public java.util.Optional<String> caseFor(String qualifyingEpisodeId) {
        return jdbc.queryForList("select case_id from referral_request where qualifying_episode_id = ? and"
                + " case_id is not null", String.class, qualifyingEpisodeId).stream().findFirst();
    }
}
