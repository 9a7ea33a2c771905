package org.heard.cases.closure.close;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.cases.referral.CaseApi;
import org.heard.cases.referral.CaseResource;
import org.heard.contracts.cases.ClosureReason;
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

/** Closing a case. Access: the case on the caller's caseload. */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class CloseCaseEndpoint {

    private final CommandGateway commands;
    private final CaseResource cases;

    public CloseCaseEndpoint(CommandGateway commands, CaseResource cases) {
        this.commands = commands;
        this.cases = cases;
    }

    /** Closing a case: why and when. */
    public record CloseRequest(@NotNull ClosureReason reason, @NotNull @NotInFuture LocalDate closedOn) {
    }

    /** Closes a case on the caller's caseload: 204; 404 for an unknown case; 409 when it breaks a rule. */
    @PostMapping("/{caseId}/close")
    public ResponseEntity<Void> close(@PathVariable UUID caseId, @Valid @RequestBody CloseRequest request,
                                      Authentication authentication) {
        cases.onCaseload(caseId, authentication);
        commands.sendAndWait(new CloseCase(caseId.toString(), request.reason(), request.closedOn()));
        return ResponseEntity.noContent().build();
    }
}
