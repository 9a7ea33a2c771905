package org.heard.reporting.timeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.heard.contracts.envelope.EventEnvelope;

/**
 * Applies a batch of events to the timelines: one read of every person in the batch, the pure rule per event, and
 * one bulk write of the timelines that changed (several events of one person coalesce into one write).
 */
public class TimelineWriter {

    private final TimelineStore store;

    public TimelineWriter(TimelineStore store) {
        this.store = store;
    }

    /** @return how many events changed a timeline (the rest were already applied) */
    public int apply(List<EventEnvelope> batch) {
        Map<String, PersonTimeline> before = store.findAll(batch.stream().map(EventEnvelope::personId).distinct().toList());
        Map<String, PersonTimeline> after = new LinkedHashMap<>();
        int applied = 0;
        for (EventEnvelope event : batch) {
            PersonTimeline current = after.getOrDefault(event.personId(),
                    before.getOrDefault(event.personId(), PersonTimeline.empty(event.personId())));
            PersonTimeline next = TimelineProjection.apply(current, event);
            if (next != current) {
                after.put(event.personId(), next);
                applied++;
            }
        }
        store.saveAll(after.values());
        return applied;
    }
}
