package org.heard.outcomes.assessment;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.contracts.outcomes.Timepoint;
import org.heard.kit.security.Caller;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/** Completed assessments of people with an evaluation framework. */
@RestController
@RequestMapping("/api/assessments")
public class AssessmentController {

    private final CommandGateway commands;

    public AssessmentController(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * A completed assessment.
     *
     * @param personId         the person's pseudonymous id
     * @param caseId           the advocacy case it belongs to
     * @param frameworkId      the evaluation framework used
     * @param frameworkVersion the published version of that framework
     * @param timepoint        baseline, review, closure or follow-up
     * @param score            the total score
     * @param completedOn      the date it was completed, not in the future
     */
    public record AssessmentRequest(
            @NotNull UUID personId,
            @NotNull UUID caseId,
            @NotBlank @Size(max = 100) String frameworkId,
            @NotNull @Min(1) Integer frameworkVersion,
            @NotNull Timepoint timepoint,
            @NotNull @Digits(integer = 6, fraction = 3) BigDecimal score,
            @NotNull @PastOrPresent LocalDate completedOn) {
    }

    /** The id of a recorded assessment. */
    public record AssessmentRecorded(String assessmentId) {
    }

    /** Records a completed assessment (an advocate, or the person themselves): 201 with its id. */
    @PostMapping
    public ResponseEntity<AssessmentRecorded> record(@Valid @RequestBody AssessmentRequest request,
                                                     Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (!caller.has(Caller.ADVOCATE) && !caller.isPerson(request.personId().toString())) {
            throw new AccessDeniedException("a service user records only their own assessments");
        }
        String assessmentId = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordAssessment(assessmentId, request.personId().toString(),
                request.caseId().toString(), request.frameworkId(), request.frameworkVersion(), request.timepoint(),
                request.score(), request.completedOn()));
        return ResponseEntity.created(URI.create("/api/assessments/" + assessmentId))
                .body(new AssessmentRecorded(assessmentId));
    }
}
