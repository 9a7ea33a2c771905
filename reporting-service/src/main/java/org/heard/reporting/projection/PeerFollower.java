package org.heard.reporting.projection;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.heard.reporting.ingest.ProjectionConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps this instance in step with the other reporting-service instances of its consumer group: when another instance
 * has switched to a rebuilt generation, this one serves it too and its consumer resumes from the offsets the new
 * generation holds; and the in-memory profile index takes in the profiles the others' writers changed
 * ({@link PeerChanges}). With a single instance it finds nothing to do.
 */
public class PeerFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeerFollower.class);
    private static final int PRUNE_EVERY = 30;

    private final LiveProjections projections;
    private final ProjectionConsumer consumer;
    private final PeerChanges peers;
    private final Duration every;
    private final Clock clock;
    private ScheduledExecutorService timer;
    private int ticks;

    public PeerFollower(LiveProjections projections, ProjectionConsumer consumer, PeerChanges peers, Duration every,
                        Clock clock) {
        this.projections = projections;
        this.consumer = consumer;
        this.peers = peers;
        this.every = every;
        this.clock = clock;
    }

    /** One round: follow a switch, take in the peers' changes, now and then forget old changes. */
    public void followOnce() throws Exception {
        java.time.Instant loading = clock.instant();
        Projections next = projections.follow(projections.recordedGeneration());
        if (next != null) {
            peers.startAt(loading);
            consumer.betweenBatches(() -> {
                consumer.use(new ProjectionWriter(next, projections.index(), peers));
                return null;
            });
        }
        peers.follow(projections.live(), projections.index());
        if (++ticks % PRUNE_EVERY == 0) {
            peers.prune(projections.live());
        }
    }

    @Override
    public void start() {
        peers.startAt(clock.instant());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "peer-follower");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                followOnce();
            } catch (Exception e) {
                log.debug("Following peers failed this round ({})", e.getClass().getSimpleName());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null && !timer.isShutdown();
    }
}
