package org.heard.kit.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.heard.contracts.envelope.EventJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletResponse;

/**
 * problem+json written outside the MVC dispatcher (filters, the error controller, Tomcat's error valve), in the same
 * shape as {@link ProblemHandlers} gives inside it. Details are fixed wording: never a value from the request.
 */
public final class Problems {

    static final URI INVALID = URI.create("urn:heard:problem:invalid-request");
    static final URI NOT_FOUND = URI.create("urn:heard:problem:not-found");
    static final URI TOO_LARGE = URI.create("urn:heard:problem:too-large");
    public static final URI TOO_MANY = URI.create("urn:heard:problem:too-many-requests");
    static final URI HTTP = URI.create("urn:heard:problem:http");
    static final URI FAILED = URI.create("urn:heard:problem:internal-error");

    private Problems() {
    }

    /** Writes a problem; {@code errors} may be empty. */
    public static void write(HttpServletResponse response, HttpStatus status, URI type, String title, String detail,
                             List<ProblemHandlers.FieldProblem> errors) throws IOException {
        response.setStatus(status.value());
        response.setCharacterEncoding("UTF-8");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(body(status.value(), type, title, detail, errors));
    }

    public static void write(HttpServletResponse response, HttpStatus status, URI type, String title, String detail)
            throws IOException {
        write(response, status, type, title, detail, List.of());
    }

    static byte[] body(int status, URI type, String title, String detail, List<ProblemHandlers.FieldProblem> errors) {
        Map<String, Object> problem = new java.util.LinkedHashMap<>();
        problem.put("type", type.toString());
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (!errors.isEmpty()) {
            problem.put("errors", errors);
        }
        return EventJson.mapper().writeValueAsBytes(problem);
    }

    /**
     * The {@code instance} of a problem: an id of this occurrence, never the request's URL (Spring would otherwise
     * fill in the path, which repeats what the caller sent).
     */
    static URI occurrence() {
        return URI.create("urn:uuid:" + java.util.UUID.randomUUID());
    }

    /** A fixed title and detail for a status, naming nothing from the request. */
    static String[] wording(int status) {
        return switch (status) {
            case 400 -> new String[] {"Bad request", "The request is malformed (its line, URL or headers)"};
            case 401 -> new String[] {"Unauthorized", "A valid bearer token is required"};
            case 403 -> new String[] {"Forbidden", "The request is not permitted"};
            case 404 -> new String[] {"Not found", "There is nothing at this address"};
            case 405 -> new String[] {"Method not allowed", "This method is not allowed here (see Allow)"};
            case 406 -> new String[] {"Not acceptable", "None of the accepted media types can be produced"};
            case 408 -> new String[] {"Request timeout", "The request was not received in time"};
            case 413 -> new String[] {"Request too large", "The request is too large"};
            case 414 -> new String[] {"URI too long", "The request's URI is too long"};
            case 415 -> new String[] {"Unsupported media type", "This Content-Type is not supported here"};
            case 431 -> new String[] {"Request header fields too large", "The request's headers are too large"};
            case 503 -> new String[] {"Service unavailable", "The service is unavailable; retry later"};
            default -> status >= 500 ? new String[] {"Internal error", "The request failed"}
                    : new String[] {HttpStatus.resolve(status) == null ? "Error" : HttpStatus.resolve(status)
                            .getReasonPhrase(), "The request was refused"};
        };
    }

    static URI typeOf(int status) {
        return switch (status) {
            case 400 -> INVALID;
            case 404 -> NOT_FOUND;
            case 413 -> TOO_LARGE;
            case 429 -> TOO_MANY;
            default -> status >= 500 ? FAILED : HTTP;
        };
    }
}
