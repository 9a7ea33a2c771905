package org.heard.cases.closure.reopen;

import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.cases.referral.CaseApi;
import org.heard.cases.referral.CaseApi.Dated;
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

/** Reopening a closed case. Access: the case on the caller's caseload. */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class ReopenCaseEndpoint {

    private final CommandGateway commands;
    private final CaseResource cases;

    public ReopenCaseEndpoint(CommandGateway commands, CaseResource cases) {
        this.commands = commands;
        this.cases = cases;
    }

    /** Reopens a closed case: 204. */
    @PostMapping("/{caseId}/reopen")
    public ResponseEntity<Void> reopen(@PathVariable UUID caseId, @Valid @RequestBody Dated request,
                                       Authentication authentication) {
        cases.onCaseload(caseId, authentication);
        commands.sendAndWait(new ReopenCase(caseId.toString(), request.on()));
        return ResponseEntity.noContent().build();
    }
}
