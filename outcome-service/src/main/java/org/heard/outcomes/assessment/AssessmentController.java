package org.heard.outcomes.assessment;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import java.util.List;

import org.heard.contracts.outcomes.CompletedBy;
import org.heard.contracts.outcomes.ItemResponse;
import org.heard.contracts.outcomes.Timepoint;
import org.heard.kit.web.InvalidInput;
import org.heard.kit.web.RuleViolation;
import org.heard.outcomes.access.RecordAccess;
import org.heard.outcomes.framework.FrameworkCatalogue;
import org.heard.outcomes.framework.FrameworkCatalogue.FrameworkVersion;
import org.heard.outcomes.framework.Scoring;
import org.heard.kit.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.heard.kit.domain.NotInFuture;
import jakarta.validation.constraints.Size;

/** Completed assessments of people with an evaluation framework. */
@RestController
@RequestMapping("/api/assessments")
public class AssessmentController {

    private final CommandGateway commands;
    private final FrameworkCatalogue catalogue;
    private final RecordAccess access;

    public AssessmentController(CommandGateway commands, FrameworkCatalogue catalogue, RecordAccess access) {
        this.commands = commands;
        this.catalogue = catalogue;
        this.access = access;
    }

    /**
     * A completed assessment.
     *
     * @param personId         the person's pseudonymous id
     * @param caseId           the advocacy case it belongs to
     * @param frameworkId      the evaluation framework used
     * @param frameworkVersion the published version of that framework
     * @param timepoint        baseline, review, closure or follow-up
     * @param completedOn      the date it was completed, not in the future
     * @param completedBy      self, self with support, or advocate as proxy
     * @param responses        an answer for every item of the version, each on the item's scale
     */
    public record AssessmentRequest(
            @NotNull UUID personId,
            @NotNull UUID caseId,
            @NotBlank @Size(max = 100) String frameworkId,
            @NotNull @Min(1) Integer frameworkVersion,
            @NotNull Timepoint timepoint,
            @NotNull @NotInFuture LocalDate completedOn,
            @NotNull CompletedBy completedBy,
            @NotNull List<@NotNull @Valid Response> responses) {
    }

    /** One item's answer. */
    public record Response(@NotBlank String itemId, @NotNull Integer value) {
    }

    /** The id of a recorded assessment and the scores computed by the version's rule. */
    public record AssessmentRecorded(String assessmentId, BigDecimal score, java.util.Map<String, BigDecimal> subscales) {
    }

    /**
     * Records a completed assessment (an advocate with the case on their caseload, or the person themselves): 201 with its id; 422 naming
     * {@code personId} or {@code caseId} when the person was never registered in case-service or the case is not
     * theirs; 409 {@code person-erased}.
     */
    @PostMapping
    public ResponseEntity<AssessmentRecorded> record(@Valid @RequestBody AssessmentRequest request,
                                                     Authentication authentication) {
        access.requireMayRecord(Caller.of(authentication), request.personId().toString(),
                request.caseId().toString());
        FrameworkVersion version = catalogue.find(request.frameworkId(), request.frameworkVersion())
                .orElseThrow(() -> new InvalidInput("frameworkVersion", "no such version of " + request.frameworkId()));
        if (!"PUBLISHED".equals(version.status())) {
            throw new RuleViolation("framework-not-published", "assessments use published framework versions only;"
                    + " version " + version.version() + " of " + version.frameworkId() + " is " + version.status());
        }
        List<ItemResponse> responses = request.responses().stream()
                .map(r -> new ItemResponse(r.itemId(), r.value())).toList();
        Scoring.Scores scores = Scoring.score(version, responses);
        String assessmentId = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordAssessment(assessmentId, request.personId().toString(),
                request.caseId().toString(), request.frameworkId(), request.frameworkVersion(), request.timepoint(),
                scores.total(), request.completedOn(), request.completedBy(), responses, scores.subscales()));
        return ResponseEntity.created(URI.create("/api/assessments/" + assessmentId))
                .body(new AssessmentRecorded(assessmentId, scores.total(), scores.subscales()));
    }
}
