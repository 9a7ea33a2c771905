package org.heard.cases.legalstatus.record;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.cases.access.Caseloads;
import org.heard.cases.referral.CaseApi;
import org.heard.cases.referral.CaseResource;
import org.heard.kit.domain.NotInFuture;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Recording the person's legal status under the Mental Health Act. Access: the case on the caller's caseload, or a
 * trust feed (the integration role) of the case's provider; an unassigned case is taken by an advocate first.
 */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class RecordLegalStatusEndpoint {

    private final CommandGateway commands;
    private final CaseResource cases;
    private final Caseloads caseloads;

    public RecordLegalStatusEndpoint(CommandGateway commands, CaseResource cases, Caseloads caseloads) {
        this.commands = commands;
        this.cases = cases;
        this.caseloads = caseloads;
    }

    /**
     * A legal status: the two-digit England and Wales code, from a date, until a date if it has ended.
     */
    public record LegalStatusRequest(@NotNull @Pattern(regexp = "\\d{2}", message = "must be a two-digit code")
                                     String legalStatusCode,
                                     @NotNull @NotInFuture LocalDate startedOn, @NotInFuture LocalDate endedOn) {
    }

    /** Records the person's legal status (the case's advocate, or a trust feed of its provider): 204. */
    @PostMapping("/{caseId}/legal-status")
    public ResponseEntity<Void> legalStatus(@PathVariable UUID caseId, @Valid @RequestBody LegalStatusRequest request,
                                            Authentication authentication) {
        caseloads.checkLegalStatus(Caller.of(authentication), cases.entry(caseId));
        commands.sendAndWait(new RecordLegalStatus(caseId.toString(), request.legalStatusCode(), request.startedOn(),
                request.endedOn()));
        return ResponseEntity.noContent().build();
    }
}
