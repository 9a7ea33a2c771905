package org.heard.reporting.timeline;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.heard.kit.access.CaseAccess;
import org.heard.kit.security.AuditTrail;
import org.heard.kit.security.Caller;
import org.heard.reporting.cohort.PersonFacts;
import org.heard.reporting.cohort.PersonProfile;
import org.heard.reporting.cohort.Trajectory;
import org.heard.reporting.projection.LiveProjections;
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

    private final LiveProjections projections;
    private final AuditTrail audit;
    private final CaseAccess access;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public TimelineController(LiveProjections projections, AuditTrail audit, CaseAccess access, Clock clock) {
        this.projections = projections;
        this.audit = audit;
        this.access = access;
        this.clock = clock;
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
        PersonTimeline timeline = readable(personId, authentication);
        if (asOfDate != null) {
            timeline = timeline.asOf(asOfDate);
        }
        return new TimelineView(timeline.personId(), timeline.entries().stream()
                .map(e -> new EntryView(e.type(), e.time(), e.aggregateId(), e.sequence(), json.readTree(e.data())))
                .toList());
    }

    /** A person's trajectories: every assessment reading by framework version, change from baseline, weeks since referral. */
    public record TrajectoriesView(String personId, List<Trajectory> trajectories) {
    }

    /**
     * The person's trajectories on every framework version they were assessed with (every reading, its change from
     * the baseline and the weeks since referral), for the same callers as the timeline; the read is audited.
     */
    @GetMapping("/api/persons/{personId}/trajectories")
    public TrajectoriesView trajectories(@PathVariable String personId, Authentication authentication) {
        PersonTimeline timeline = readable(personId, authentication);
        // Their own casework view: folded from the whole timeline, consent to evaluation does not apply here.
        PersonProfile profile = PersonProfile.of(PersonFacts.of(TimelineProjection.events(timeline)), null, false);
        return new TrajectoriesView(personId, profile == null ? List.of() : Trajectory.of(profile));
    }

    /**
     * What the person view shows: their trajectories, their goals with every rating, and the events that matter on the
     * same time axis.
     */
    public record ProgressView(String personId, List<Trajectory> trajectories, List<PersonProgress.Goal> goals,
                               List<PersonProgress.Milestone> milestones) {
    }

    /**
     * The person's progress — readings on every framework version (total and subscales, change from baseline), goals
     * (GAS/GBO) and their ratings, and forums, legal status changes, first contact and closure as dated milestones —
     * for their advocate or for themselves; the read is audited like every personal-data read.
     */
    @GetMapping("/api/persons/{personId}/progress")
    public ProgressView progress(@PathVariable String personId, Authentication authentication) {
        PersonTimeline timeline = readable(personId, authentication);
        List<org.heard.reporting.projection.ProjectedEvent> events = TimelineProjection.events(timeline);
        // Their own casework view: consent to evaluation does not apply here.
        PersonProfile profile = PersonProfile.of(PersonFacts.of(events), null, false);
        PersonProgress progress = PersonProgress.of(events);
        return new ProgressView(personId, profile == null ? List.of() : Trajectory.of(profile), progress.goals(),
                progress.milestones());
    }

    /**
     * The part of the person's timeline the caller may read ({@link TimelineAccess}: the person all of it, an advocate
     * the cases on their caseload at their provider, or everything under an unexpired access grant); the read is
     * audited with its purpose.
     */
    private PersonTimeline readable(String personId, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        java.util.Optional<PersonTimeline> found = projections.live().timelines().find(personId);
        if (found.isEmpty()) {
            if (!caller.isPerson(personId)) {
                throw new AccessDeniedException("person not on the caller's caseload");
            }
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No timeline for person " + personId);
            problem.setTitle("Not found");
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        }
        TimelineAccess.Visible visible = TimelineAccess.of(caller, found.get(), access, clock.instant());
        audit.personalDataRead(caller, "person/" + personId, visible.purpose());
        return visible.timeline();
    }
}
