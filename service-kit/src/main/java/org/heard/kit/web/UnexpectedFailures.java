package org.heard.kit.web;

import java.net.URI;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The answer to any exception no other handler knows: 500 problem+json, given inside the dispatcher so that filters
 * around it (idempotency) see the status actually sent. It is consulted after every other advice. The log names the
 * request and the exception's classes and stack frames; exception messages are left out, since they may quote
 * personal data (a value in a failed SQL statement, a fragment of a body).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class UnexpectedFailures {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedFailures.class);
    private static final URI FAILED = URI.create("urn:heard:problem:internal-error");

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, HttpServletRequest request) {
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), withoutMessages(ex));
        return ProblemHandlers.problem(HttpStatus.INTERNAL_SERVER_ERROR, FAILED, "Internal error",
                "The request failed; nothing was recorded unless a retry shows otherwise", Map.of());
    }

    /** A copy of the exception's chain with the class names and stack frames only. */
    static Throwable withoutMessages(Throwable ex) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable cause = ex; cause != null && chain.size() < 10; cause = cause.getCause()) {
            chain.add(cause);
        }
        // built from the deepest cause up: a Throwable's cause can be given once, in its constructor
        Redacted copy = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            copy = new Redacted(chain.get(i), copy);
        }
        return copy;
    }

    private static final class Redacted extends RuntimeException {
        Redacted(Throwable original, Redacted cause) {
            super(original.getClass().getName(), cause, false, true);
            setStackTrace(original.getStackTrace());
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
