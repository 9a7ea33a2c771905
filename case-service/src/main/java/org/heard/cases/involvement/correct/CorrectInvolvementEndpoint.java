package org.heard.cases.involvement.correct;

import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.cases.involvement.InvolvementRequest;
import org.heard.cases.referral.CaseApi;
import org.heard.cases.referral.CaseResource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Correcting a recorded involvement. Access: the case on the caller's caseload. */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class CorrectInvolvementEndpoint {

    private final CommandGateway commands;
    private final CaseResource cases;

    public CorrectInvolvementEndpoint(CommandGateway commands, CaseResource cases) {
        this.commands = commands;
        this.cases = cases;
    }

    /** Corrects a recorded involvement (the whole corrected record): 204; 409 if there is no such involvement. */
    @PostMapping("/{caseId}/involvements/{involvementId}/correction")
    public ResponseEntity<Void> correctInvolvement(@PathVariable UUID caseId, @PathVariable UUID involvementId,
                                                   @Valid @RequestBody InvolvementRequest request,
                                                   Authentication authentication) {
        cases.onCaseload(caseId, authentication);
        commands.sendAndWait(new CorrectInvolvement(caseId.toString(), involvementId.toString(), request.forum(),
                request.heldOn(), InvolvementRequest.ids(request.issueIds()), request.participation(),
                request.viewsTakenIntoAccount(), request.advocateMinutes()));
        return ResponseEntity.noContent().build();
    }
}
