package org.heard.cases.issue.raise;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.cases.access.Caseloads;
import org.heard.cases.referral.CaseApi;
import org.heard.cases.referral.CaseApi.Created;
import org.heard.cases.referral.CaseResource;
import org.heard.contracts.cases.IssueCategory;
import org.heard.kit.privacy.PersonalDataVault;
import org.heard.kit.domain.NotInFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Raising an issue the person wants support with. Access: the case on the caller's caseload (the person's own words
 * are sealed under their key before anything stores them).
 */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class RaiseIssueEndpoint {

    private final CommandGateway commands;
    private final CaseResource cases;
    private final PersonalDataVault vault;

    public RaiseIssueEndpoint(CommandGateway commands, CaseResource cases, PersonalDataVault vault) {
        this.commands = commands;
        this.cases = cases;
        this.vault = vault;
    }

    /** An issue in the person's own words (sealed before it is stored). */
    public record IssueRequest(@NotNull IssueCategory category, @NotBlank @Size(max = 4000) String description,
                               @NotNull @NotInFuture LocalDate raisedOn) {
    }

    /** Raises an issue in the person's words: 201 with its id; 409 on a closed case. */
    @PostMapping("/{caseId}/issues")
    public ResponseEntity<Created> raiseIssue(@PathVariable UUID caseId, @Valid @RequestBody IssueRequest request,
                                              Authentication authentication) {
        Caseloads.CaseEntry entry = cases.onCaseload(caseId, authentication);
        String issueId = UUID.randomUUID().toString();
        commands.sendAndWait(new RaiseIssue(caseId.toString(), issueId, request.category(),
                vault.seal(entry.personId(), "issue:" + issueId, request.description()), request.raisedOn()));
        return ResponseEntity.created(URI.create("/api/cases/" + caseId + "/issues/" + issueId))
                .body(new Created(issueId));
    }
}
