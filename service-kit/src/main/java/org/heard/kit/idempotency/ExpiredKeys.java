package org.heard.kit.idempotency;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes idempotency keys whose answers have expired, on a timer ({@code heard.idempotency.cleanup-interval}), in
 * batches taken oldest first through the {@code created_at} index; a request never scans for them. Rows of requests
 * in flight are skipped, not waited for. (An expired key is already treated as unused by the filter before it is
 * deleted.)
 */
public class ExpiredKeys implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiredKeys.class);

    private final JdbcTemplate jdbc;
    private final IdempotencyProperties properties;
    private ScheduledExecutorService timer;

    public ExpiredKeys(JdbcTemplate jdbc, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Deletes every expired key now; returns how many. */
    public int purge() {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("delete from idempotency_key where (caller, key) in (select caller, key"
                            + " from idempotency_key where created_at < now() - make_interval(secs => ?)"
                            + " order by created_at limit ? for update skip locked)",
                    properties.ttl().toMillis() / 1000.0, properties.cleanupBatch());
            total += deleted;
        } while (deleted == properties.cleanupBatch());
        return total;
    }

    private void purgeOnTimer() {
        try {
            int deleted = purge();
            if (deleted > 0) {
                log.debug("Deleted {} expired idempotency keys", deleted);
            }
        } catch (DataAccessException e) {
            log.warn("Expired idempotency keys not deleted this time ({}); next try in {}",
                    e.getClass().getSimpleName(), properties.cleanupInterval());
        }
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heard-idempotency-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.cleanupInterval().toMillis();
        timer.scheduleWithFixedDelay(this::purgeOnTimer, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
