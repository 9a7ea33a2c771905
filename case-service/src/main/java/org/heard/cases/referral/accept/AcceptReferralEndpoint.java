package org.heard.cases.referral.accept;

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

/**
 * Accepting a referral. Access: the case on the caller's caseload, or unassigned and of the caller's provider (any of
 * its advocates may take a referral nobody has yet).
 */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class AcceptReferralEndpoint {

    private final CommandGateway commands;
    private final CaseResource cases;

    public AcceptReferralEndpoint(CommandGateway commands, CaseResource cases) {
        this.commands = commands;
        this.cases = cases;
    }

    /** Accepts a referral (any advocate of its provider while it is unassigned): 204; 409 if already decided. */
    @PostMapping("/{caseId}/acceptance")
    public ResponseEntity<Void> accept(@PathVariable UUID caseId, @Valid @RequestBody Dated request,
                                       Authentication authentication) {
        cases.onCaseloadOrTakeable(caseId, authentication);
        commands.sendAndWait(new AcceptReferral(caseId.toString(), request.on()));
        return ResponseEntity.noContent().build();
    }
}
