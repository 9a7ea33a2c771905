package org.heard.cases.caseload.assign;

import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.cases.referral.CaseApi;
import org.heard.cases.referral.CaseResource;
import org.heard.kit.security.Caller;
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
import jakarta.validation.constraints.Size;

/**
 * Assigning a case to an advocate. Access: the case on the caller's caseload (they hand it over), or unassigned and of
 * the caller's provider (they take it); nobody else may move it.
 */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class AssignAdvocateEndpoint {

    private final CommandGateway commands;
    private final CaseResource cases;

    public AssignAdvocateEndpoint(CommandGateway commands, CaseResource cases) {
        this.commands = commands;
        this.cases = cases;
    }

    /**
     * Assigning a case to an advocate, by their staff identifier, in a team of the case's provider.
     *
     * @param team the team the case goes to; by default the caller's own team
     */
    public record AssignmentRequest(@NotBlank @Size(max = 200) String advocateId, @Size(max = 200) String team) {
    }

    /**
     * Puts the case on an advocate's caseload: 204. An advocate of the case's provider may take an unassigned case,
     * and whoever has it on their caseload may hand it over; nobody else may move it.
     */
    @PostMapping("/{caseId}/advocate")
    public ResponseEntity<Void> assign(@PathVariable UUID caseId, @Valid @RequestBody AssignmentRequest request,
                                       Authentication authentication) {
        cases.onCaseloadOrTakeable(caseId, authentication);
        String team = request.team() != null ? request.team() : Caller.of(authentication).team();
        commands.sendAndWait(new AssignAdvocate(caseId.toString(), request.advocateId(), team));
        return ResponseEntity.noContent().build();
    }
}
