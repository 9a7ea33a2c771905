package org.heard.kit.outbox;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** For operations: the events of this service stored and not yet acknowledged by Kafka. */
@RestController
public class OutboxController {

    private final Outbox outbox;

    public OutboxController(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * The newest stored event's global index, the publisher's position, how many stored events Kafka has not
     * acknowledged yet and when the oldest of them was stored. No event content.
     */
    @GetMapping("/api/operations/outbox")
    public Outbox.Status outbox() {
        return outbox.now();
    }
}
