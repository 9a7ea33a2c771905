package org.heard.cases.involvement.forum;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.cases.referral.CaseApi;
import org.heard.cases.referral.CaseApi.Created;
import org.heard.cases.referral.CaseResource;
import org.heard.contracts.involvement.Forum;
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

/** Noting a forum about the person that is coming up. Access: the case on the caller's caseload. */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class ScheduleForumEndpoint {

    private final CommandGateway commands;
    private final CaseResource cases;

    public ScheduleForumEndpoint(CommandGateway commands, CaseResource cases) {
        this.commands = commands;
        this.cases = cases;
    }

    /** A forum coming up. */
    public record ForumRequest(@NotNull Forum forum, @NotNull LocalDate scheduledFor) {
    }

    /** Notes a forum coming up: 201 with its id. */
    @PostMapping("/{caseId}/forums")
    public ResponseEntity<Created> scheduleForum(@PathVariable UUID caseId, @Valid @RequestBody ForumRequest request,
                                                 Authentication authentication) {
        cases.onCaseload(caseId, authentication);
        String forumId = UUID.randomUUID().toString();
        commands.sendAndWait(new ScheduleForum(caseId.toString(), forumId, request.forum(), request.scheduledFor()));
        return ResponseEntity.created(URI.create("/api/cases/" + caseId + "/forums/" + forumId))
                .body(new Created(forumId));
    }
}
