package org.heard.reporting.ops;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** For operations: the event streams as reporting-service consumes them. */
@RestController
public class StreamStatusController {

    private final StreamStatus status;

    public StreamStatusController(StreamStatus status) {
        this.status = status;
    }

    /**
     * Per partition of every event topic the end offset, the offset the projections hold, the group's committed
     * offset and the lag in records and seconds; stalled or failing; the dead-letter topic by reason; the rebuild.
     */
    @GetMapping("/api/operations/streams")
    public StreamStatus.Status streams() {
        return status.now();
    }
}
