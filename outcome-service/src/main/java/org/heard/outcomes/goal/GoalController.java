package org.heard.outcomes.goal;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.contracts.outcomes.GoalScale;
import org.heard.contracts.outcomes.OutcomeDomain;
import org.heard.contracts.outcomes.Perspective;
import org.heard.kit.privacy.PersonalDataVault;
import org.heard.kit.security.Caller;
import org.heard.outcomes.access.RecordAccess;
import org.heard.outcomes.goal.GoalCommands.AchieveGoal;
import org.heard.outcomes.goal.GoalCommands.DropGoal;
import org.heard.outcomes.goal.GoalCommands.RateGoal;
import org.heard.outcomes.goal.GoalCommands.SetGoal;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.heard.kit.domain.NotInFuture;
import jakarta.validation.constraints.Size;

/** Personal goals: set in the person's words, rated over time, achieved or dropped. */
@RestController
@RequestMapping("/api/goals")
public class GoalController {

    private final CommandGateway commands;
    private final PersonalDataVault vault;
    private final RecordAccess access;

    public GoalController(CommandGateway commands, PersonalDataVault vault, RecordAccess access) {
        this.commands = commands;
        this.vault = vault;
        this.access = access;
    }

    /** A goal: in the person's words (sealed), in a domain, on a rating scale. */
    public record GoalRequest(@NotNull UUID personId, @NotNull UUID caseId, @NotNull OutcomeDomain domain,
                              @NotBlank @Size(max = 2000) String description, @NotNull GoalScale scale,
                              @NotNull @NotInFuture LocalDate setOn) {
    }

    /** A rating of progress, by whom. */
    public record RatingRequest(@NotNull Integer rating, @NotNull Perspective ratedBy,
                                @NotNull @NotInFuture LocalDate ratedOn) {
    }

    /** A date. */
    public record Dated(@NotNull @NotInFuture LocalDate on) {
    }

    /** The id of the goal. */
    public record Created(String id) {
    }

    /**
     * Sets a goal: 201 with its id; 422 naming {@code personId} or {@code caseId} when the person was never
     * registered in case-service or the case is not theirs; 409 {@code person-erased}.
     */
    @PostMapping
    public ResponseEntity<Created> set(@Valid @RequestBody GoalRequest request, Authentication authentication) {
        access.requireMayRecord(Caller.of(authentication), request.personId().toString(),
                request.caseId().toString());
        String goalId = UUID.randomUUID().toString();
        commands.sendAndWait(new SetGoal(goalId, request.personId().toString(), request.caseId().toString(),
                request.domain(), vault.seal(request.personId().toString(), "goal:" + goalId, request.description()),
                request.scale(), request.setOn()));
        return ResponseEntity.created(URI.create("/api/goals/" + goalId)).body(new Created(goalId));
    }

    /** Rates progress: 204; 409 when the rating is off the goal's scale or the goal has ended. */
    @PostMapping("/{goalId}/ratings")
    public ResponseEntity<Void> rate(@PathVariable UUID goalId, @Valid @RequestBody RatingRequest request,
                                     Authentication authentication) {
        access.requireMayChange(Caller.of(authentication), goalId.toString(), null, null);
        commands.sendAndWait(new RateGoal(goalId.toString(), request.rating(), request.ratedBy(), request.ratedOn()));
        return ResponseEntity.noContent().build();
    }

    /** Marks the goal achieved: 204. */
    @PostMapping("/{goalId}/achievement")
    public ResponseEntity<Void> achieve(@PathVariable UUID goalId, @Valid @RequestBody Dated request,
                                     Authentication authentication) {
        access.requireMayChange(Caller.of(authentication), goalId.toString(), null, null);
        commands.sendAndWait(new AchieveGoal(goalId.toString(), request.on()));
        return ResponseEntity.noContent().build();
    }

    /** Marks the goal dropped: 204. */
    @PostMapping("/{goalId}/dropping")
    public ResponseEntity<Void> drop(@PathVariable UUID goalId, @Valid @RequestBody Dated request,
                                     Authentication authentication) {
        access.requireMayChange(Caller.of(authentication), goalId.toString(), null, null);
        commands.sendAndWait(new DropGoal(goalId.toString(), request.on()));
        return ResponseEntity.noContent().build();
    }
}
