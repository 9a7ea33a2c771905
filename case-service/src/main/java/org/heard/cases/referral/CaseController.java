package org.heard.cases.referral;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ReferralSource;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

/** Referrals and closure of advocacy cases. */
@RestController
@RequestMapping("/api/cases")
@Validated
public class CaseController {

    private final CommandGateway commands;

    public CaseController(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * A referral to advocacy.
     *
     * @param personId       the person's pseudonymous id; leave it out for a person new to Heard and one is made
     * @param advocacyType   the kind of advocacy asked for
     * @param referralSource who referred
     * @param referredOn     the date of the referral, not in the future
     */
    public record ReferralRequest(
            UUID personId,
            @NotNull AdvocacyType advocacyType,
            @NotNull ReferralSource referralSource,
            @NotNull @PastOrPresent LocalDate referredOn) {
    }

    /** The case opened for a referral. */
    public record CaseCreated(String caseId, String personId) {
    }

    /** Closing a case: why and when. */
    public record CloseRequest(@NotNull ClosureReason reason, @NotNull @PastOrPresent LocalDate closedOn) {
    }

    /** Receives a referral and opens a case: 201 with the case id and the person's pseudonymous id. */
    @PostMapping
    public ResponseEntity<CaseCreated> receiveReferral(@Valid @RequestBody ReferralRequest request) {
        String caseId = UUID.randomUUID().toString();
        String personId = (request.personId() == null ? UUID.randomUUID() : request.personId()).toString();
        commands.sendAndWait(new ReceiveReferral(caseId, personId, request.advocacyType(), request.referralSource(),
                request.referredOn()));
        return ResponseEntity.created(URI.create("/api/cases/" + caseId)).body(new CaseCreated(caseId, personId));
    }

    /** Closes a case: 204; 404 for an unknown case; 409 when it is already closed or the date breaks a rule. */
    @PostMapping("/{caseId}/close")
    public ResponseEntity<Void> close(@PathVariable UUID caseId, @Valid @RequestBody CloseRequest request) {
        commands.sendAndWait(new CloseCase(caseId.toString(), request.reason(), request.closedOn()));
        return ResponseEntity.noContent().build();
    }
}
