package org.heard.kit.web;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.heard.kit.idempotency.IdempotentAnswers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;

/**
 * Answers every failed request with RFC 9457 {@code application/problem+json}. Bad input names each field and the rule
 * it broke in {@code errors}; the rejected values are never echoed, because they may be personal data.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandlers extends ResponseEntityExceptionHandler {

    private static final URI INVALID = URI.create("https://heard.org/problems/invalid-request");
    private static final URI RULE = URI.create("https://heard.org/problems/rule-violated");
    static final URI NOT_FOUND = URI.create("https://heard.org/problems/not-found");
    private static final URI UNKNOWN_REFERENCE = URI.create("https://heard.org/problems/unknown-reference");

    private final ObjectProvider<AccessDeniedHandler> accessDenied;

    /** @param accessDenied the service's answer to a refused authorisation (audited), if it has security */
    public ProblemHandlers(ObjectProvider<AccessDeniedHandler> accessDenied) {
        this.accessDenied = accessDenied;
    }

    /** One field that failed validation. */
    public record FieldProblem(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        errors.sort(java.util.Comparator.comparing(FieldProblem::field));
        String detail = "Invalid " + String.join(", ", errors.stream().map(e -> e.field() + " (" + e.message() + ")")
                .toList());
        return problem(HttpStatus.BAD_REQUEST, INVALID, "Invalid request", detail, Map.of("errors", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String field = fieldOf(ex);
        if (field == null) {
            return problem(HttpStatus.BAD_REQUEST, INVALID, "Unreadable request body",
                    "The body is not valid JSON for this request", Map.of());
        }
        String message = "has the wrong type or format";
        return problem(HttpStatus.BAD_REQUEST, INVALID, "Invalid request", "Invalid " + field + " (" + message + ")",
                Map.of("errors", List.of(new FieldProblem(field, message))));
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<Object> invalid(InvalidInput ex) {
        return problem(HttpStatus.BAD_REQUEST, INVALID, "Invalid request",
                "Invalid " + ex.field() + " (" + ex.getMessage() + ")",
                Map.of("errors", List.of(new FieldProblem(ex.field(), ex.getMessage()))));
    }

    @ExceptionHandler(UnknownReference.class)
    ResponseEntity<Object> unknownReference(UnknownReference ex, HttpServletRequest request) {
        if (ex.mayResolveLater()) {
            IdempotentAnswers.mayChange(request);
        }
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, UNKNOWN_REFERENCE, "Unknown reference",
                "Invalid " + ex.field() + " (" + ex.getMessage() + ")",
                Map.of("errors", List.of(new FieldProblem(ex.field(), ex.getMessage()))));
    }

    /**
     * A record-level check refused the caller (e.g. a case not on their caseload): the same audited 403 as a role
     * rule gives, answered here inside the dispatcher rather than by Spring Security's filter outside it.
     */
    @ExceptionHandler(AccessDeniedException.class)
    void denied(AccessDeniedException ex, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        AccessDeniedHandler handler = accessDenied.getIfAvailable();
        if (handler != null) {
            handler.handle(request, response, ex);
            return;
        }
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}");
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Object> ruleViolated(RuleViolation ex) {
        return problem(HttpStatus.CONFLICT, RULE, "Rule violated", ex.getMessage(), Map.of("rule", ex.rule()));
    }

    @ExceptionHandler(Unavailable.class)
    ResponseEntity<Object> unavailable(Unavailable ex) {
        // e.g. the audit stream is down: the message is ours and carries no personal data
        ResponseEntity<Object> answer = problem(HttpStatus.SERVICE_UNAVAILABLE,
                URI.create("https://heard.org/problems/unavailable"), "Service unavailable", ex.getMessage(), Map.of());
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, "5").body(answer.getBody());
    }

    @ExceptionHandler(UnknownResource.class)
    ResponseEntity<Object> unknown(UnknownResource ex) {
        return problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", ex.getMessage(), Map.of());
    }

    private static String fieldOf(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JacksonException.Reference reference : jackson.getPath()) {
                if (reference.getPropertyName() != null) {
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(reference.getPropertyName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            return path.isEmpty() ? null : path.toString();
        }
        return null;
    }

    static ResponseEntity<Object> problem(HttpStatus status, URI type, String title, String detail,
                                                  Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
