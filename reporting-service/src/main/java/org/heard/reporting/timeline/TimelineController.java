package org.heard.reporting.timeline;

import java.time.Instant;
import java.util.List;

import org.heard.kit.security.AuditTrail;
import org.heard.kit.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A person's timeline of events. */
@RestController
public class TimelineController {

    private final TimelineStore store;
    private final AuditTrail audit;
    private final JsonMapper json = JsonMapper.builder().build();

    public TimelineController(TimelineStore store, AuditTrail audit) {
        this.store = store;
        this.audit = audit;
    }

    /** A timeline as served: events in time order with their data. */
    public record TimelineView(String personId, List<EntryView> entries) {
    }

    /** One event of a timeline. */
    public record EntryView(String type, Instant time, String aggregateId, long sequence, JsonNode data) {
    }

    /**
     * The person's timeline (as it stood at the end of {@code asOf}, an ISO date, when given), for the advocate of one of their cases or for themselves; 404 problem+json when no
     * event of theirs has arrived (or they were erased). The read is audited.
     */
    @GetMapping("/api/persons/{personId}/timeline")
    public TimelineView timeline(@PathVariable String personId,
                                 @org.springframework.web.bind.annotation.RequestParam(required = false) String asOf,
                                 Authentication authentication) {
        java.time.LocalDate asOfDate = AsOf.parse(asOf);
        Caller caller = Caller.of(authentication);
        java.util.Optional<PersonTimeline> found = store.find(personId);
        boolean ownAdvocate = caller.has(Caller.ADVOCATE) && found.isPresent()
                && found.get().advocates().containsValue(caller.subject());
        if (!ownAdvocate && !caller.isPerson(personId)) {
            throw new AccessDeniedException("person not on the caller's caseload");
        }
        PersonTimeline timeline = found.orElseThrow(() -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No timeline for person " + personId);
            problem.setTitle("Not found");
            return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        });
        audit.personalDataRead(caller, "person/" + personId, caller.isPerson(personId) ? "own-record" : "casework");
        if (asOfDate != null) {
            timeline = timeline.asOf(asOfDate);
        }
        return new TimelineView(timeline.personId(), timeline.entries().stream()
                .map(e -> new EntryView(e.type(), e.time(), e.aggregateId(), e.sequence(), json.readTree(e.dataJson())))
                .toList());
    }
}
