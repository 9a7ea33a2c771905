package org.heard.cases.referral.decline;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.cases.referral.CaseApi;
import org.heard.cases.referral.CaseResource;
import org.heard.contracts.cases.DeclineReason;
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

/**
 * Declining a referral. Access: the case on the caller's caseload, or unassigned and of the caller's provider (as for
 * accepting it).
 */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class DeclineReferralEndpoint {

    private final CommandGateway commands;
    private final CaseResource cases;

    public DeclineReferralEndpoint(CommandGateway commands, CaseResource cases) {
        this.commands = commands;
        this.cases = cases;
    }

    /** Declining a referral: when and why. */
    public record DeclineRequest(@NotNull @NotInFuture LocalDate declinedOn, @NotNull DeclineReason reason) {
    }

    /** Declines a referral: 204; 409 if already decided. */
    @PostMapping("/{caseId}/decline")
    public ResponseEntity<Void> decline(@PathVariable UUID caseId, @Valid @RequestBody DeclineRequest request,
                                        Authentication authentication) {
        cases.onCaseloadOrTakeable(caseId, authentication);
        commands.sendAndWait(new DeclineReferral(caseId.toString(), request.declinedOn(), request.reason()));
        return ResponseEntity.noContent().build();
    }
}
