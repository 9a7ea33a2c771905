package org.heard.reporting.timeline;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
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
    private final JsonMapper json = JsonMapper.builder().build();

    public TimelineController(TimelineStore store) {
        this.store = store;
    }

    /** A timeline as served: events in time order with their data. */
    public record TimelineView(String personId, List<EntryView> entries) {
    }

    /** One event of a timeline. */
    public record EntryView(String type, Instant time, String aggregateId, long sequence, JsonNode data) {
    }

    /** The person's timeline; 404 problem+json when no event of theirs has arrived. */
    @GetMapping("/api/persons/{personId}/timeline")
    public TimelineView timeline(@PathVariable String personId) {
        PersonTimeline timeline = store.find(personId).orElseThrow(() -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No timeline for person " + personId);
            problem.setTitle("Not found");
            return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        });
        return new TimelineView(timeline.personId(), timeline.entries().stream()
                .map(e -> new EntryView(e.type(), e.time(), e.aggregateId(), e.sequence(), json.readTree(e.dataJson())))
                .toList());
    }
}
