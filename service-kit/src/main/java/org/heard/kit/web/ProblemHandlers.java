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

    private static final URI INVALID = URI.create("urn:heard:problem:invalid-request");
    private static final URI RULE = URI.create("urn:heard:problem:rule-violated");
    static final URI NOT_FOUND = URI.create("urn:heard:problem:not-found");
    private static final URI UNKNOWN_REFERENCE = URI.create("urn:heard:problem:unknown-reference");

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
        if (BodyLimitFilter.causedByTooLarge(ex)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, Problems.TOO_LARGE, "Request body too large",
                    "The request body is larger than the limit", Map.of());
        }
        String field = fieldOf(ex);
        if (field == null) {
            return problem(HttpStatus.BAD_REQUEST, INVALID, "Unreadable request body",
                    "The body is not valid JSON for this request", Map.of());
        }
        String message = hasCause(ex, StrictJson.NulCharacter.class) ? "must not contain the NUL character"
                : "has the wrong type or format";
        return problem(HttpStatus.BAD_REQUEST, INVALID, "Invalid request", "Invalid " + field + " (" + message + ")",
                Map.of("errors", List.of(new FieldProblem(field, message))));
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<Object> invalid(InvalidInput ex) {
        return invalid(ex.problems());
    }

    /** Over a rate limit: 429 with Retry-After; the answer is not kept for an Idempotency-Key (a retry may pass). */
    @ExceptionHandler(RateLimits.TooManyRequests.class)
    ResponseEntity<Object> tooMany(RateLimits.TooManyRequests ex, jakarta.servlet.http.HttpServletRequest request) {
        org.heard.kit.idempotency.IdempotentAnswers.mayChange(request);
        ResponseEntity<Object> problem = problem(HttpStatus.TOO_MANY_REQUESTS, Problems.TOO_MANY, "Too many requests",
                ex.getMessage() + "; retry after " + ex.retryAfterSeconds() + " s",
                Map.of("retryAfterSeconds", ex.retryAfterSeconds()));
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds())).body(problem.getBody());
    }

    /** The firewall refused a parameter (e.g. one holding a control character) while the endpoint read it. */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ResponseEntity<Object> rejected(org.springframework.security.web.firewall.RequestRejectedException ex) {
        return problem(HttpStatus.BAD_REQUEST, INVALID, "Invalid request",
                "A parameter holds a character that is not allowed (a control character)", Map.of());
    }

    static ResponseEntity<Object> invalid(List<FieldProblem> errors) {
        List<FieldProblem> sorted = errors.stream().sorted(java.util.Comparator.comparing(FieldProblem::field)).toList();
        String detail = "Invalid " + String.join(", ", sorted.stream().map(e -> e.field() + " (" + e.message() + ")")
                .toList());
        return problem(HttpStatus.BAD_REQUEST, INVALID, "Invalid request", detail, Map.of("errors", sorted));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
                                                        HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String field = ex instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m
                ? m.getName() : ex.getPropertyName();
        return invalid(List.of(new FieldProblem(field == null ? "parameter" : field, expected(ex.getRequiredType()))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            org.springframework.web.bind.MissingServletRequestParameterException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return invalid(List.of(new FieldProblem(ex.getParameterName(), "is required")));
    }

    @Override
    protected ResponseEntity<Object> handleMissingPathVariable(org.springframework.web.bind.MissingPathVariableException ex,
                                                               HttpHeaders headers, HttpStatusCode status,
                                                               WebRequest request) {
        return invalid(List.of(new FieldProblem(ex.getVariableName(), "is required")));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(
            org.springframework.web.bind.ServletRequestBindingException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (ex instanceof org.springframework.web.bind.MissingRequestHeaderException header) {
            return invalid(List.of(new FieldProblem(header.getHeaderName(), "is required")));
        }
        if (ex instanceof org.springframework.web.bind.MissingPathVariableException variable) {
            return invalid(List.of(new FieldProblem(variable.getVariableName(), "is required")));
        }
        return problem(HttpStatus.BAD_REQUEST, INVALID, "Invalid request", "A required part of the request is missing",
                Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            org.springframework.web.method.annotation.HandlerMethodValidationException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (org.springframework.validation.method.ParameterValidationResult result : ex.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            for (org.springframework.context.MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fieldError ? name + "." + fieldError.getField() : name;
                errors.add(new FieldProblem(field == null ? "parameter" : field, error.getDefaultMessage()));
            }
        }
        if (errors.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, INVALID, "Invalid request", "The request is not valid", Map.of());
        }
        return invalid(errors);
    }

    /**
     * Every other error Spring MVC answers itself (405, 406, 415, 404 of an unknown path, ...): its status and
     * headers (Allow, Accept) are kept, its detail — which quotes the method, media type or path sent — is replaced by
     * fixed wording.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (request instanceof org.springframework.web.context.request.ServletWebRequest servlet
                && servlet.getResponse() != null && servlet.getResponse().isCommitted()) {
            return null;
        }
        if (body instanceof ProblemDetail detail && detail.getType() != null
                && detail.getType().toString().startsWith("urn:heard:problem:")) {
            detail.setInstance(Problems.occurrence());
            return super.handleExceptionInternal(ex, body, headers, statusCode, request);
        }
        int status = statusCode.value();
        String[] wording = Problems.wording(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(statusCode, wording[1]);
        problem.setType(Problems.typeOf(status));
        problem.setTitle(wording[0]);
        problem.setInstance(Problems.occurrence());
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.putAll(headers);
        }
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(statusCode).headers(out).body(problem);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type or format";
        }
        if (type == java.util.UUID.class) {
            return "must be a UUID";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "must be an integer";
        }
        if (type == java.time.LocalDate.class) {
            return "must be a date (YYYY-MM-DD)";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type.isEnum()) {
            return "must be one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name()).toList());
        }
        return "has the wrong type or format";
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
                URI.create("urn:heard:problem:unavailable"), "Service unavailable", ex.getMessage(), Map.of());
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, "5").body(answer.getBody());
    }

    @ExceptionHandler(UnknownResource.class)
    ResponseEntity<Object> unknown(UnknownResource ex) {
        return problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", ex.getMessage(), Map.of());
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
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
        problem.setInstance(Problems.occurrence());
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
