package org.heard.reporting.ops;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** For operations: the write services' outboxes in one answer, for the stream-status page. */
@RestController
public class OutboxesController {

    private final WriteServiceOutboxes outboxes;

    public OutboxesController(WriteServiceOutboxes outboxes) {
        this.outboxes = outboxes;
    }

    /**
     * Each write service's {@code GET /api/operations/outbox} (events stored and not yet acknowledged by Kafka, and the
     * age of the oldest), asked with the caller's own token; a service that does not answer is listed with why.
     */
    @GetMapping("/api/operations/outboxes")
    public WriteServiceOutboxes.Outboxes outboxes(Authentication authentication) {
        return outboxes.now(((JwtAuthenticationToken) authentication).getToken().getTokenValue());
    }
}
