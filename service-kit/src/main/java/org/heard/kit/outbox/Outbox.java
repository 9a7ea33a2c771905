package org.heard.kit.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.heard.kit.publishing.KafkaEventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The outbox of a write service: the events in its event store that the publisher has not passed yet, because Kafka
 * has not acknowledged them (the publisher's token moves only past acknowledged events). Read from the store and the
 * token table, not from the processor in this JVM, so every instance of a service reports the same figures whichever
 * instance holds the token. Measured every {@code heard.outbox.measure-every} (idle or not) into the gauges
 * {@code heard_outbox_pending_events} and {@code heard_outbox_oldest_age_seconds}, and on request.
 */
public class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /**
     * The outbox at one moment.
     *
     * @param at                      when it was measured
     * @param processor               the publisher's Axon processor, whose token is the published position
     * @param headGlobalIndex         the global index of the newest stored event (-1 for an empty store)
     * @param publishedThrough        the token's position: every event up to it, apart from gaps, is acknowledged
     *                                (-1 before the first)
     * @param pendingEvents           stored events after the token (and in its gaps), published types or not
     * @param oldestPendingStoredAt   when the oldest of them was stored; null when none is pending
     * @param oldestPendingAgeSeconds how long ago that was; 0 when none is pending
     */
    public record Status(Instant at, String processor, long headGlobalIndex, long publishedThrough,
                         long pendingEvents, Instant oldestPendingStoredAt, double oldestPendingAgeSeconds) {
    }

    private final DataSource dataSource;
    private final Serializer tokenSerializer;
    private final Clock clock;
    private final AtomicReference<Status> latest = new AtomicReference<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "outbox-status");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String lastFailure;

    public Outbox(DataSource dataSource, Serializer tokenSerializer, Clock clock, MeterRegistry meters,
                  Duration measureEvery) {
        this.dataSource = dataSource;
        this.tokenSerializer = tokenSerializer;
        this.clock = clock;
        Gauge.builder("heard.outbox.pending.events", this, o -> o.latestOrEmpty().pendingEvents())
                .description("Events in the event store not yet acknowledged by Kafka (the publisher's outbox)")
                .register(meters);
        Gauge.builder("heard.outbox.oldest.age", this, o -> o.latestOrEmpty().oldestPendingAgeSeconds())
                .description("Age of the oldest event in the outbox (0 when it is empty)")
                .baseUnit("seconds").register(meters);
        timer.scheduleWithFixedDelay(this::measureQuietly, 0, measureEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The outbox as it is now, measured on request. */
    public Status now() {
        Status status = measure();
        latest.set(status);
        return status;
    }

    private Status latestOrEmpty() {
        Status status = latest.get();
        return status == null ? new Status(clock.instant(), KafkaEventPublisher.PROCESSING_GROUP, -1, -1, 0, null, 0)
                : status;
    }

    private void measureQuietly() {
        try {
            latest.set(measure());
            if (lastFailure != null) {
                log.info("outbox measured again");
                lastFailure = null;
            }
        } catch (RuntimeException e) {
            // The gauges keep the last figures; the database's own health shows it is unreachable.
            String failure = e.getClass().getSimpleName();
            if (!failure.equals(lastFailure)) {
                log.warn("could not measure the outbox ({}); gauges keep the last figures", failure);
                lastFailure = failure;
            }
        }
    }

    private Status measure() {
        try (Connection connection = dataSource.getConnection()) {
            Position position = publisherPosition(connection);
            long head;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT coalesce(max(global_index), -1) FROM domain_event_entry");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                head = rows.getLong(1);
            }
            long pending = 0;
            Instant oldest = null;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT count(*), min(time_stamp) FROM domain_event_entry"
                            + " WHERE global_index > ? OR global_index = ANY(?)")) {
                statement.setLong(1, position.index());
                statement.setArray(2, connection.createArrayOf("bigint", position.gaps().toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    pending = rows.getLong(1);
                    String stored = rows.getString(2);
                    oldest = stored == null ? null : DateTimeUtils.parseInstant(stored);
                }
            }
            Instant now = clock.instant();
            double age = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
            return new Status(now, KafkaEventPublisher.PROCESSING_GROUP, head, position.index(), pending, oldest, age);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store", e);
        }
    }

    private record Position(long index, Set<Long> gaps) {
    }

    /** The publisher's single-segment token, read without claiming it (the token store's fetch would claim it). */
    private Position publisherPosition(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT token, token_type FROM token_entry WHERE processor_name = ? AND segment = 0")) {
            statement.setString(1, KafkaEventPublisher.PROCESSING_GROUP);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next() || rows.getBytes(1) == null) {
                    return new Position(-1, Set.of());
                }
                TrackingToken token = tokenSerializer.deserialize(
                        new SimpleSerializedObject<>(rows.getBytes(1), byte[].class, rows.getString(2), null));
                if (token instanceof GapAwareTrackingToken gapAware) {
                    return new Position(gapAware.getIndex(), gapAware.getGaps());
                }
                return new Position(token.position().orElse(-1), Set.of());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
