package org.heard.kit.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

import org.heard.kit.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Retries of a POST that carry the same {@code Idempotency-Key} header (per caller) get the first answer again (with
 * {@code Idempotent-Replayed: true}) instead of recording twice.
 * <p>
 * The request runs inside one PostgreSQL transaction that first claims the key (a row in {@code idempotency_key}),
 * then runs the request (Axon's command handling joins the transaction: the command bus runs on this thread), then
 * stores the answer actually sent, and commits. Only then is the answer sent. So:
 * <ul>
 * <li>a success and its events are stored together or not at all: a request whose process or connection dies leaves
 *     neither events nor a key, and its retry runs for real;</li>
 * <li>a retry while the first is still running waits for it on the key's row (at most {@code wait-for-first}), then
 *     replays its answer; past that wait it is 409 "in progress, retry";</li>
 * <li>a refusal (4xx: validation, a broken rule, a record-level 403) undoes everything the request did (rollback to
 *     a savepoint taken after the claim) and is kept and replayed as it was sent;</li>
 * <li>a failure (5xx, or an exception that escapes), and an answer that may change on retry
 *     ({@link IdempotentAnswers#mayChange}), are not kept: the key stays free.</li>
 * </ul>
 * The same key with a different request is 422. Answers are kept for {@code ttl} ({@link IdempotencyProperties}).
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private final IdempotencyProperties properties;

    public IdempotencyFilter(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                             IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > 200) {
            problem(response, HttpStatus.BAD_REQUEST, "Idempotency-Key must be 1 to 200 characters");
            return;
        }
        String caller = Caller.of(SecurityContextHolder.getContext().getAuthentication()).subject();
        byte[] body = request.getInputStream().readAllBytes();
        String hash = hash(request.getRequestURI(), body);

        DefaultTransactionDefinition definition =
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        definition.setName("idempotent request");
        TransactionStatus transaction;
        try {
            transaction = transactions.getTransaction(definition);
        } catch (TransactionException e) {
            log.warn("No transaction for an idempotent request ({})", e.getClass().getSimpleName());
            response.setHeader("Retry-After", "1");
            problem(response, HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable; retry the request");
            return;
        }
        try {
            if (!claim(caller, key, hash)) {
                Stored stored = stored(caller, key);
                transactions.rollback(transaction); // nothing written; ends the read
                replay(stored, hash, response);
                return;
            }
        } catch (DataAccessException e) {
            rollbackQuietly(transaction);
            response.setHeader("Retry-After", "1");
            if (LOCK_NOT_AVAILABLE.equals(sqlState(e))) {
                problem(response, HttpStatus.CONFLICT,
                        "A request with this Idempotency-Key is still in progress; retry it");
            } else {
                log.warn("The Idempotency-Key of a request could not be claimed ({})", e.getClass().getSimpleName());
                problem(response, HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable; retry the request");
            }
            return;
        }

        Object afterClaim = transaction.createSavepoint();
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new BufferedRequest(request, body), captured);
        } catch (Throwable e) {
            rollbackQuietly(transaction); // nothing it did stays, and the key is free for a retry
            throw e;
        }

        int status = captured.getStatus();
        boolean succeeded = status < 400;
        boolean keep = succeeded || (status < 500 && !mayChange(status, request));
        if (!keep) {
            rollbackQuietly(transaction);
            captured.copyBodyToResponse();
            return;
        }
        try {
            if (!succeeded) {
                transaction.rollbackToSavepoint(afterClaim);
            }
            jdbc.update("update idempotency_key set status = ?, content_type = ?, location = ?, body = ?"
                            + " where caller = ? and key = ?", status, captured.getContentType(),
                    captured.getHeader("Location"), captured.getContentAsByteArray(), caller, key);
            transactions.commit(transaction);
        } catch (DataAccessException | TransactionException e) {
            // The connection failed at the end (or the commit's outcome is unknown): the client must not be told it
            // succeeded. A retry with the same key replays the answer if the commit did happen, else runs again.
            rollbackQuietly(transaction);
            log.warn("An idempotent request's answer could not be stored ({}); answered 503",
                    e.getClass().getSimpleName());
            if (response.isCommitted()) {
                return; // an answer already went out (sendError); nothing better can be said now
            }
            response.reset();
            response.setHeader("Retry-After", "1");
            problem(response, HttpStatus.SERVICE_UNAVAILABLE,
                    "The request was not recorded; retry it with the same Idempotency-Key");
            return;
        }
        captured.copyBodyToResponse();
    }

    /**
     * Claims the key in the current transaction: inserts its row, or takes over a row whose answer has expired. Waits
     * for a transaction that holds the key still uncommitted (at most {@code waitForFirst}).
     *
     * @return false when the key already has a live answer
     */
    private boolean claim(String caller, String key, String hash) {
        // Bounds every lock wait of this transaction: the wait for a first request with this key, and a wait for a
        // concurrent change of the same record. A session that holds the transaction open and silent is ended.
        jdbc.execute("set local lock_timeout = " + properties.waitForFirst().toMillis()
                + "; set local idle_in_transaction_session_timeout = " + properties.abandonAfter().toMillis());
        int claimed = jdbc.update("insert into idempotency_key (caller, key, request_hash, status, created_at)"
                        + " values (?, ?, ?, 0, now())"
                        + " on conflict (caller, key) do update set request_hash = excluded.request_hash, status = 0,"
                        + " content_type = null, location = null, body = null, created_at = excluded.created_at"
                        // status 0 is never committed by this filter; such a row is left by an earlier version
                        + " where idempotency_key.created_at < now() - make_interval(secs => ?)"
                        + " or idempotency_key.status = 0",
                caller, key, hash, properties.ttl().toMillis() / 1000.0);
        return claimed == 1;
    }

    private record Stored(String requestHash, int status, String contentType, String location, byte[] body) {
    }

    private Stored stored(String caller, String key) {
        List<Stored> rows = jdbc.query("select request_hash, status, content_type, location, body"
                        + " from idempotency_key where caller = ? and key = ?",
                (row, n) -> new Stored(row.getString(1), row.getInt(2), row.getString(3), row.getString(4),
                        row.getBytes(5)), caller, key);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static void replay(Stored stored, String hash, HttpServletResponse response) throws IOException {
        if (stored == null) {
            // expired and deleted between the claim and the read: rare, and safe to retry
            response.setHeader("Retry-After", "1");
            problem(response, HttpStatus.CONFLICT, "A request with this Idempotency-Key has just ended; retry it");
            return;
        }
        if (!hash.equals(stored.requestHash())) {
            problem(response, HttpStatus.UNPROCESSABLE_ENTITY, "This Idempotency-Key was used for a different request");
            return;
        }
        response.setStatus(stored.status());
        response.setHeader(REPLAYED, "true");
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader("Location", stored.location());
        }
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body());
        }
    }

    private static boolean mayChange(int status, HttpServletRequest request) {
        return status == 408 || status == 425 || status == 429 || IdempotentAnswers.isMarkedMayChange(request);
    }

    private void rollbackQuietly(TransactionStatus transaction) {
        if (transaction.isCompleted()) {
            return;
        }
        try {
            transactions.rollback(transaction);
        } catch (TransactionException e) {
            // the connection is gone; PostgreSQL has rolled the transaction back already
            log.debug("Rollback of an idempotent request failed: {}", e.getClass().getSimpleName());
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static String hash(String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setCharacterEncoding("UTF-8");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"urn:heard:problem:idempotency\",\"title\":\""
                + status.getReasonPhrase() + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
    }

    /** The request with its body already read, so that it can be read again. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
