package org.heard.kit.web;

import java.net.URI;
import java.util.Map;

import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.heard.kit.idempotency.IdempotentAnswers;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import jakarta.servlet.http.HttpServletRequest;

/** problem+json for what Axon reports: unknown aggregates (404) and concurrent changes (409). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AxonProblemHandlers {

    private static final URI CONFLICT = URI.create("urn:heard:problem:concurrent-change");

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> aggregateNotFound(AggregateNotFoundException ex) {
        return ProblemHandlers.problem(HttpStatus.NOT_FOUND, ProblemHandlers.NOT_FOUND, "Not found",
                "No record with this id", Map.of());
    }

    /**
     * A command that creates a record with an id that is already taken (e.g. a framework id used before): the first
     * event of a new stream collided with an existing one. A retry gets the same answer.
     */
    @ExceptionHandler(org.axonframework.modelling.command.AggregateStreamCreationException.class)
    ResponseEntity<Object> alreadyExists(RuntimeException ex) {
        return ProblemHandlers.problem(HttpStatus.CONFLICT, URI.create("urn:heard:problem:rule-violated"),
                "Rule violated", "A record with this id already exists", Map.of("rule", "id-already-used"));
    }

    /**
     * Another request changed the record at the same moment, or held it past the lock wait (deadlocks included): a
     * retry may succeed, so the answer is not kept for an Idempotency-Key.
     */
    @ExceptionHandler({ConcurrencyException.class, LockAcquisitionFailedException.class, DeadlockException.class})
    ResponseEntity<Object> concurrent(RuntimeException ex, HttpServletRequest request) {
        IdempotentAnswers.mayChange(request);
        return ProblemHandlers.problem(HttpStatus.CONFLICT, CONFLICT, "Concurrent change",
                "The record was changed by another request at the same time; read it again and retry", Map.of());
    }
}
