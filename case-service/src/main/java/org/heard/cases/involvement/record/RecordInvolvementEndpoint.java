package org.heard.cases.involvement.record;

import java.net.URI;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.cases.involvement.InvolvementRequest;
import org.heard.cases.referral.CaseApi;
import org.heard.cases.referral.CaseApi.Created;
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

/** Recording how the person was involved in a forum. Access: the case on the caller's caseload. */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class RecordInvolvementEndpoint {

    private final CommandGateway commands;
    private final CaseResource cases;

    public RecordInvolvementEndpoint(CommandGateway commands, CaseResource cases) {
        this.commands = commands;
        this.cases = cases;
    }

    /** Records the person's involvement in a forum: 201 with its id; 409 on a closed case. */
    @PostMapping("/{caseId}/involvements")
    public ResponseEntity<Created> recordInvolvement(@PathVariable UUID caseId,
                                                     @Valid @RequestBody InvolvementRequest request,
                                                     Authentication authentication) {
        cases.onCaseload(caseId, authentication);
        String involvementId = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordInvolvement(caseId.toString(), involvementId, request.forum(), request.heldOn(),
                InvolvementRequest.ids(request.issueIds()), request.participation(), request.viewsTakenIntoAccount(),
                request.advocateMinutes(), request.forumId() == null ? null : request.forumId().toString()));
        return ResponseEntity.created(URI.create("/api/cases/" + caseId + "/involvements/" + involvementId))
                .body(new Created(involvementId));
    }
}
