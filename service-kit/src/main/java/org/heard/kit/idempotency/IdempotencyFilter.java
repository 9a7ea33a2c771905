package org.heard.kit.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.heard.kit.security.Caller;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
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
 * Retries of a POST that carry the same {@code Idempotency-Key} header (per caller) get the first answer again
 * (with {@code Idempotent-Replayed: true}) instead of recording twice. The same key with a different request is 422; a
 * retry while the first is still running is 409. An answer of 5xx is not kept, so the request can be retried for real.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";

    private final JdbcTemplate jdbc;

    public IdempotencyFilter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
        try {
            jdbc.update("insert into idempotency_key (caller, key, request_hash, status, created_at)"
                    + " values (?, ?, ?, 0, ?)", caller, key, hash, OffsetDateTime.now(ZoneOffset.UTC));
        } catch (DuplicateKeyException seenBefore) {
            replay(caller, key, hash, response);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new BufferedRequest(request, body), captured);
        } finally {
            if (captured.getStatus() >= 500) {
                jdbc.update("delete from idempotency_key where caller = ? and key = ?", caller, key);
            } else {
                jdbc.update("update idempotency_key set status = ?, content_type = ?, location = ?, body = ?"
                                + " where caller = ? and key = ?", captured.getStatus(), captured.getContentType(),
                        captured.getHeader("Location"), captured.getContentAsByteArray(), caller, key);
            }
            captured.copyBodyToResponse();
        }
    }

    private void replay(String caller, String key, String hash, HttpServletResponse response) throws IOException {
        List<Map<String, Object>> rows = jdbc.queryForList("select request_hash, status, content_type, location, body"
                + " from idempotency_key where caller = ? and key = ?", caller, key);
        if (rows.isEmpty()) {
            problem(response, HttpStatus.CONFLICT, "A request with this Idempotency-Key has just failed; retry it");
            return;
        }
        Map<String, Object> row = rows.get(0);
        if (!hash.equals(row.get("request_hash"))) {
            problem(response, HttpStatus.UNPROCESSABLE_ENTITY,
                    "This Idempotency-Key was used for a different request");
            return;
        }
        int status = ((Number) row.get("status")).intValue();
        if (status == 0) {
            problem(response, HttpStatus.CONFLICT, "A request with this Idempotency-Key is still in progress");
            return;
        }
        response.setStatus(status);
        response.setHeader("Idempotent-Replayed", "true");
        if (row.get("content_type") != null) {
            response.setContentType((String) row.get("content_type"));
        }
        if (row.get("location") != null) {
            response.setHeader("Location", (String) row.get("location"));
        }
        byte[] stored = (byte[]) row.get("body");
        if (stored != null) {
            response.getOutputStream().write(stored);
        }
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
        response.getWriter().write("{\"type\":\"https://heard.org/problems/idempotency\",\"title\":\""
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
