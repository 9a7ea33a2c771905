package org.heard.cases.issue.resolve;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.cases.referral.CaseApi;
import org.heard.cases.referral.CaseResource;
import org.heard.contracts.cases.IssueResolution;
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
import jakarta.validation.constraints.NotNull;

/** Recording how an issue ended. Access: the case on the caller's caseload. */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class ResolveIssueEndpoint {

    private final CommandGateway commands;
    private final CaseResource cases;

    public ResolveIssueEndpoint(CommandGateway commands, CaseResource cases) {
        this.commands = commands;
        this.cases = cases;
    }

    /** How an issue ended. */
    public record ResolutionRequest(@NotNull IssueResolution resolution, @NotNull @NotInFuture LocalDate resolvedOn) {
    }

    /** Records how an issue ended: 204. */
    @PostMapping("/{caseId}/issues/{issueId}/resolution")
    public ResponseEntity<Void> resolveIssue(@PathVariable UUID caseId, @PathVariable UUID issueId,
                                             @Valid @RequestBody ResolutionRequest request,
                                             Authentication authentication) {
        cases.onCaseload(caseId, authentication);
        commands.sendAndWait(new ResolveIssue(caseId.toString(), issueId.toString(), request.resolution(),
                request.resolvedOn()));
        return ResponseEntity.noContent().build();
    }
}
