package org.heard.cases.contact.first;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.cases.referral.CaseApi;
import org.heard.cases.referral.CaseResource;
import org.heard.contracts.cases.ContactMode;
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

/** Recording the advocate's first contact with the person. Access: the case on the caller's caseload. */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class RecordFirstContactEndpoint {

    private final CommandGateway commands;
    private final CaseResource cases;

    public RecordFirstContactEndpoint(CommandGateway commands, CaseResource cases) {
        this.commands = commands;
        this.cases = cases;
    }

    /** First contact: when and how. */
    public record FirstContactRequest(@NotNull @NotInFuture LocalDate contactOn, @NotNull ContactMode mode) {
    }

    /** Records first contact in this opening of the case: 204; 409 if already recorded. */
    @PostMapping("/{caseId}/first-contact")
    public ResponseEntity<Void> firstContact(@PathVariable UUID caseId, @Valid @RequestBody FirstContactRequest request,
                                             Authentication authentication) {
        cases.onCaseload(caseId, authentication);
        commands.sendAndWait(new RecordFirstContact(caseId.toString(), request.contactOn(), request.mode()));
        return ResponseEntity.noContent().build();
    }
}
