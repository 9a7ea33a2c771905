package org.heard.outcomes.outcome;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.contracts.outcomes.Extent;
import org.heard.contracts.outcomes.OutcomeDomain;
import org.heard.contracts.outcomes.Perspective;
import org.heard.kit.privacy.PersonalDataVault;
import org.heard.kit.security.Caller;
import org.heard.outcomes.access.RecordAccess;
import org.heard.outcomes.directory.CaseDirectory;
import org.heard.outcomes.outcome.OutcomeCommands.Content;
import org.heard.outcomes.outcome.OutcomeCommands.RecordOutcome;
import org.heard.outcomes.outcome.OutcomeCommands.RetractOutcome;
import org.heard.outcomes.outcome.OutcomeCommands.ReviseOutcome;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.heard.kit.domain.NotInFuture;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Outcome records: recorded from one perspective, revised, retracted. */
@RestController
@RequestMapping("/api/outcomes")
public class OutcomeController {

    private final CommandGateway commands;
    private final PersonalDataVault vault;
    private final CaseDirectory directory;
    private final RecordAccess access;

    public OutcomeController(CommandGateway commands, PersonalDataVault vault, CaseDirectory directory,
                             RecordAccess access) {
        this.commands = commands;
        this.vault = vault;
        this.directory = directory;
        this.access = access;
    }

    /**
     * An outcome.
     *
     * @param subType     a short code, e.g. {@code heard-at-ward-round}, {@code leave-granted}, {@code knows-rights}
     * @param description in the person's words (sealed before it is stored)
     * @param perspective whose view this is; a service user records only their own view of their own outcomes
     */
    public record OutcomeRequest(@NotNull UUID personId, @NotNull UUID caseId, @NotNull OutcomeDomain domain,
                                 @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,99}") String subType,
                                 @Size(max = 4000) String description, @NotNull Perspective perspective,
                                 @NotNull Extent extentOfChange, @NotNull Extent advocacyContribution,
                                 List<@NotNull UUID> issueIds, @NotNull @NotInFuture LocalDate on) {
    }

    /** A date. */
    public record Dated(@NotNull @NotInFuture LocalDate on) {
    }

    /** The id of what was recorded. */
    public record Created(String id) {
    }

    /**
     * Records an outcome (an advocate with the case on their caseload, or the person their own view): 201 with its
     * id; 422 naming {@code personId} or {@code caseId} when the person was never registered in case-service or the
     * case is not theirs; 409 {@code person-erased}; 403 for anyone else.
     */
    @PostMapping
    public ResponseEntity<Created> record(@Valid @RequestBody OutcomeRequest request, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        ownViewOnly(caller, request);
        access.requireMayRecord(caller, request.personId().toString(), request.caseId().toString());
        String outcomeId = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordOutcome(outcomeId, request.personId().toString(), request.caseId().toString(),
                content(request, outcomeId), request.on()));
        return ResponseEntity.created(URI.create("/api/outcomes/" + outcomeId)).body(new Created(outcomeId));
    }

    /**
     * Revises an outcome (the whole record; same perspective, person and case): 204. Only from the perspective that
     * recorded it: the person revises their own view, an advocate with the case on their caseload the others; 422
     * naming {@code personId} or {@code caseId} when the body names another than the outcome's; 404 for an unknown
     * outcome.
     */
    @PostMapping("/{outcomeId}/revision")
    public ResponseEntity<Void> revise(@PathVariable UUID outcomeId, @Valid @RequestBody OutcomeRequest request,
                                       Authentication authentication) {
        Caller caller = Caller.of(authentication);
        ownViewOnly(caller, request);
        access.requireMayChange(caller, outcomeId.toString(), request.personId().toString(),
                request.caseId().toString());
        directory.requireCaseOfPerson(request.personId().toString(), request.caseId().toString());
        commands.sendAndWait(new ReviseOutcome(outcomeId.toString(), content(request, outcomeId.toString()),
                request.on()));
        return ResponseEntity.noContent().build();
    }

    /** Retracts an outcome (an advocate with its case on their caseload): 204; 404 for an unknown outcome. */
    @PostMapping("/{outcomeId}/retraction")
    public ResponseEntity<Void> retract(@PathVariable UUID outcomeId, @Valid @RequestBody Dated request,
                                        Authentication authentication) {
        access.requireMayChange(Caller.of(authentication), outcomeId.toString(), null, null);
        commands.sendAndWait(new RetractOutcome(outcomeId.toString(), request.on()));
        return ResponseEntity.noContent().build();
    }

    private Content content(OutcomeRequest request, String outcomeId) {
        return new Content(request.domain(), request.subType(),
                vault.seal(request.personId().toString(), "outcome:" + outcomeId, request.description()),
                request.perspective(), request.extentOfChange(), request.advocacyContribution(),
                request.issueIds() == null ? List.of() : request.issueIds().stream().map(UUID::toString).toList());
    }

    /** A service user (not an advocate) speaks only for themselves: their own outcomes, their own perspective. */
    private static void ownViewOnly(Caller caller, OutcomeRequest request) {
        if (caller.has(Caller.ADVOCATE)) {
            return;
        }
        if (!caller.isPerson(request.personId().toString()) || request.perspective() != Perspective.SERVICE_USER) {
            throw new AccessDeniedException("a service user records only their own view of their own outcomes");
        }
    }
}
