package org.heard.outcomes.impact;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.contracts.outcomes.ImpactLevel;
import org.heard.outcomes.impact.ImpactCommands.LinkCase;
import org.heard.outcomes.impact.ImpactCommands.LogSystemicIssue;
import org.heard.outcomes.impact.ImpactCommands.RecordChange;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.heard.kit.security.Caller;
import org.heard.outcomes.access.RecordAccess;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.heard.kit.domain.NotInFuture;
import jakarta.validation.constraints.Size;

/** Wider impact: systemic issues, the cases that raised them, and the changes achieved. */
@RestController
@RequestMapping("/api/systemic-issues")
public class SystemicIssueController {

    private final CommandGateway commands;
    private final KnownCases knownCases;
    private final RecordAccess access;

    public SystemicIssueController(CommandGateway commands, KnownCases knownCases, RecordAccess access) {
        this.commands = commands;
        this.knownCases = knownCases;
        this.access = access;
    }

    /** A systemic issue: level and theme, with an organisational description (never about one person). */
    public record IssueRequest(@NotNull ImpactLevel level, @NotBlank @Size(max = 200) String theme,
                               @Size(max = 4000) String description, @NotNull @NotInFuture LocalDate loggedOn) {
    }

    /** A case that raised the issue. */
    public record LinkRequest(@NotNull UUID caseId, @NotNull @NotInFuture LocalDate linkedOn) {
    }

    /** A change achieved. */
    public record ChangeRequest(@NotBlank @Size(max = 4000) String description,
                                @NotNull @NotInFuture LocalDate achievedOn) {
    }

    /** The id of what was recorded. */
    public record Created(String id) {
    }

    /** Logs a systemic issue: 201 with its id. */
    @PostMapping
    public ResponseEntity<Created> log(@Valid @RequestBody IssueRequest request) {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new LogSystemicIssue(id, request.level(), request.theme(), request.description(),
                request.loggedOn()));
        return ResponseEntity.created(URI.create("/api/systemic-issues/" + id)).body(new Created(id));
    }

    /**
     * Links a case that raised it (an advocate with the case on their caseload): 204; 409 {@code unknown-case} for a
     * case outcome-service has no record of, or whose caseload it cannot check (not in its directory); 403 for a
     * known case not on the caller's caseload.
     */
    @PostMapping("/{systemicIssueId}/cases")
    public ResponseEntity<Void> link(@PathVariable UUID systemicIssueId, @Valid @RequestBody LinkRequest request,
                                     Authentication authentication) {
        String caseId = request.caseId().toString();
        boolean checked = access.requireMayLink(Caller.of(authentication), caseId);
        commands.sendAndWait(new LinkCase(systemicIssueId.toString(), caseId, checked && knownCases.isKnown(caseId),
                request.linkedOn()));
        return ResponseEntity.noContent().build();
    }

    /** Records a change achieved: 201 with its id. */
    @PostMapping("/{systemicIssueId}/changes")
    public ResponseEntity<Created> change(@PathVariable UUID systemicIssueId,
                                          @Valid @RequestBody ChangeRequest request) {
        String changeId = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordChange(systemicIssueId.toString(), changeId, request.description(),
                request.achievedOn()));
        return ResponseEntity.status(201).body(new Created(changeId));
    }
}
