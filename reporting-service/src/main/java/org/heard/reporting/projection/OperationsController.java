package org.heard.reporting.projection;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** For operations: which generation of the projections is live, and rebuilding them from offset zero. */
@RestController
@RequestMapping("/api/operations/projections")
public class OperationsController {

    private final LiveProjections projections;
    private final Rebuild rebuild;
    private final org.heard.reporting.ingest.ProjectionConsumer consumer;

    private final org.heard.kit.security.AuditTrail audit;

    public OperationsController(LiveProjections projections, Rebuild rebuild,
                                org.heard.reporting.ingest.ProjectionConsumer consumer,
                                org.heard.kit.security.AuditTrail audit) {
        this.audit = audit;
        this.projections = projections;
        this.rebuild = rebuild;
        this.consumer = consumer;
    }

    /**
     * The projections as operations see them: no personal data.
     *
     * @param liveGeneration  the generation serving queries
     * @param database        its MongoDB database
     * @param profilesIndexed cohort profiles held in memory for cohort queries (people, and erased people's facts)
     * @param rebuild         the latest rebuild: state, records read of the total, percentage, rate
     * @param writesFailing   null while batches are written; otherwise since when they fail, the error class and the
     *                        attempts so far (the consumer keeps its place and retries)
     * @param recordsBehind   records in the event topics not yet in the live projections, at the last measurement
     */
    public record ProjectionsView(int liveGeneration, String database, int profilesIndexed, Rebuild.Status rebuild,
                                  org.heard.reporting.ingest.ProjectionConsumer.Failing writesFailing,
                                  long recordsBehind) {
    }

    /** Which generation is live and how the latest rebuild went (or how far the running one is). */
    @GetMapping
    public ProjectionsView projections() {
        Projections live = projections.live();
        return new ProjectionsView(live.generation(), live.database().getName(), projections.index().size(),
                rebuild.status(), consumer.failing(),
                consumer.lag().values().stream().mapToLong(Long::longValue).sum());
    }

    /**
     * Rebuilds every projection from offset zero into a new generation while the live one keeps serving, then
     * switches to it. Answers 202 at once with the rebuild's status (poll {@code GET} for progress); 409 while a
     * rebuild is already running.
     */
    @PostMapping("/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Rebuild.Status rebuild(org.springframework.security.core.Authentication authentication) {
        audit.operation(org.heard.kit.security.Caller.of(authentication), "PROJECTIONS_REBUILT",
                "projections/generation-" + (projections.live().generation() + 1), "operations");
        return rebuild.start();
    }
}
