package org.heard.reporting.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.heard.contracts.Topic;

/** How the property tests deliver a log to a projection: shuffled with repeats, as Kafka delivers it, in batches. */
public final class Deliveries {

    private Deliveries() {
    }


    /** Any order at all, some events twice or three times. */
    public static List<ProjectedEvent> shuffledWithRepeats(List<ProjectedEvent> log, Random random) {
        List<ProjectedEvent> arrivals = new ArrayList<>(log);
        for (ProjectedEvent event : log) {
            if (random.nextInt(3) == 0) {
                arrivals.add(event);
            }
        }
        Collections.shuffle(arrivals, random);
        return arrivals;
    }


    /**
     * As a consumer of the topics sees them: each topic in its own order, the topics interleaved at random, and now
     * and then a topic read again from an earlier offset (a redelivery after a crash, a rewind).
     */
    public static List<ProjectedEvent> asKafkaDelivers(List<ProjectedEvent> log, Random random) {
        Map<Topic, List<ProjectedEvent>> streams = new HashMap<>();
        for (ProjectedEvent event : log) {
            streams.computeIfAbsent(event.type().topic(), t -> new ArrayList<>()).add(event);
        }
        Map<Topic, Integer> next = new HashMap<>();
        List<ProjectedEvent> arrivals = new ArrayList<>();
        List<Topic> open = new ArrayList<>(streams.keySet());
        while (!open.isEmpty()) {
            Topic topic = open.get(random.nextInt(open.size()));
            int at = next.getOrDefault(topic, 0);
            List<ProjectedEvent> stream = streams.get(topic);
            int take = 1 + random.nextInt(4);
            for (int i = at; i < Math.min(stream.size(), at + take); i++) {
                arrivals.add(stream.get(i));
            }
            at = Math.min(stream.size(), at + take);
            if (random.nextInt(8) == 0) {
                at = random.nextInt(at + 1);
            }
            next.put(topic, at);
            if (at >= stream.size()) {
                open.remove(topic);
            }
        }
        return arrivals;
    }


    public static List<List<ProjectedEvent>> batches(List<ProjectedEvent> arrivals, Random random) {
        List<List<ProjectedEvent>> batches = new ArrayList<>();
        int from = 0;
        while (from < arrivals.size()) {
            int size = 1 + random.nextInt(12);
            batches.add(arrivals.subList(from, Math.min(arrivals.size(), from + size)));
            from += size;
        }
        return batches;
    }
}
