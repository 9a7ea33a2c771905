package org.heard.gateway.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.heard.gateway.notice.TrustNotice;
import org.heard.kit.privacy.Pseudonyms;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable inbox ({@code inbox_message}). {@link #receive} returns only once the notice is committed to PostgreSQL
 * (or was already there), which is what lets a receiver acknowledge; the worker takes pending messages strictly in the
 * order they were received and marks each applied in the same transaction as its effects.
 */
public class Inbox {

    /** A stored message still to be applied. */
    public record Pending(long id, String sender, String messageId, String messageType, int attempts,
                          TrustNotice notice) {
    }

    /** One row as operations see it: no content. */
    public record Entry(long id, String sender, String messageType, String status, int attempts, String outcome,
                        Instant receivedAt, Instant appliedAt) {
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final JdbcTemplate jdbc;
    private final InboxSeal seal;
    private final Pseudonyms digests;
    private final Clock clock;

    public Inbox(JdbcTemplate jdbc, InboxSeal seal, Pseudonyms digests, Clock clock) {
        this.jdbc = jdbc;
        this.seal = seal;
        this.digests = digests;
        this.clock = clock;
    }

    /**
     * Stores a notice unless the sender sent this message id before. {@code content} is what the sender sent (the raw
     * message or resource), compared by a keyed digest to tell a resend from a reused id.
     *
     * @throws org.springframework.dao.DataAccessException when the database cannot take it (answer: try again)
     */
    public Receipt receive(TrustNotice notice, String content) {
        String digest = digest(content);
        byte[] body = seal.seal(JSON.writeValueAsBytes(notice), notice.sender(), notice.messageId());
        int inserted = jdbc.update("insert into inbox_message (sender, message_id, protocol, message_type, content_hmac,"
                        + " body, received_at, status) values (?, ?, ?, ?, ?, ?, ?, 'PENDING')"
                        + " on conflict (sender, message_id) do nothing",
                notice.sender(), notice.messageId(), notice.protocol().name(), notice.messageType(), digest, body,
                Timestamp.from(notice.receivedAt()));
        if (inserted == 1) {
            return Receipt.STORED;
        }
        List<String> earlier = jdbc.queryForList("select content_hmac from inbox_message where sender = ? and"
                + " message_id = ?", String.class, notice.sender(), notice.messageId());
        return !earlier.isEmpty() && earlier.get(0).equals(digest) ? Receipt.DUPLICATE : Receipt.CONFLICT;
    }

    /**
     * The time a message is received, to the microsecond: PostgreSQL keeps no finer, so a time read back from a table
     * (a referral request's notification time) equals the one in the events made from the same message.
     */
    public Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** A keyed digest of what a sender sent (the same content, the same digest; not reversible). */
    public String digest(String content) {
        return digests.of("inbox:" + content);
    }

    /** The oldest message not yet applied, whatever its next attempt time (order is kept: nothing overtakes it). */
    public Optional<Pending> oldestPending() {
        return jdbc.query("select id, sender, message_id, message_type, attempts, body from inbox_message"
                        + " where status = 'PENDING' order by id limit 1",
                (rs, n) -> new Pending(rs.getLong("id"), rs.getString("sender"), rs.getString("message_id"),
                        rs.getString("message_type"), rs.getInt("attempts"),
                        JSON.readValue(seal.open(rs.getBytes("body"), rs.getString("sender"),
                                rs.getString("message_id")), TrustNotice.class)))
                .stream().findFirst();
    }

    /** Marks a message applied and deletes its body: call in the transaction that applied it. */
    public void applied(long id, String outcome) {
        jdbc.update("update inbox_message set status = 'APPLIED', body = null, outcome = ?, applied_at = ?"
                + " where id = ?", outcome, Timestamp.from(clock.instant()), id);
    }

    /** Parks a message Heard will never accept as it is (the reason names a rule, never content). */
    public void refused(long id, String reason) {
        jdbc.update("update inbox_message set status = 'REFUSED', body = null, outcome = ?, applied_at = ?"
                + " where id = ?", reason, Timestamp.from(clock.instant()), id);
    }

    /** Counts a failed attempt that may succeed later (the reason names the error's class, never content). */
    public void deferred(long id, String reason) {
        jdbc.update("update inbox_message set attempts = attempts + 1, outcome = ? where id = ?", reason, id);
    }

    /** How many messages wait to be applied, and since when the oldest has. */
    public record Backlog(long pending, Instant oldestReceivedAt) {
    }

    public Backlog backlog() {
        return jdbc.queryForObject("select count(*), min(received_at) from inbox_message where status = 'PENDING'",
                (rs, n) -> new Backlog(rs.getLong(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()));
    }

    /** The latest rows, newest first, for operations. */
    public List<Entry> latest(int limit, String status) {
        String where = status == null ? "" : " where status = ?";
        Object[] args = status == null ? new Object[] {limit} : new Object[] {status, limit};
        return jdbc.query("select id, sender, message_type, status, attempts, outcome, received_at, applied_at"
                        + " from inbox_message" + where + " order by id desc limit ?",
                (rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()), args);
    }
}
