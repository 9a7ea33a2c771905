package org.heard.reporting.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.heard.contracts.EventCatalogue;
import org.heard.contracts.Topic;
import org.heard.contracts.envelope.EventReader;
import org.heard.kit.web.RuleViolation;
import org.heard.reporting.ReportingProperties;
import org.heard.reporting.cohort.PersonFacts;
import org.heard.reporting.cohort.ProfileStore;
import org.heard.reporting.erasure.ErasureStore;
import org.heard.reporting.ingest.ProjectionConsumer;
import org.heard.reporting.timeline.PersonTimeline;
import org.heard.reporting.timeline.TimelineProjection;
import org.heard.reporting.timeline.TimelineStore;
import org.heard.reporting.wider.WiderImpact;
import org.heard.reporting.wider.WiderImpactStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Rebuilds every projection from offset zero into the next generation while the live one keeps serving and taking
 * events, then switches.
 *
 * <p><b>Passes.</b> Every event topic has the same partition count and is keyed by person, so partition <i>p</i> of
 * every topic together holds all events of the same people. A pass reads partition <i>p</i> of each event topic from
 * the start, folds each person's events in memory with the same pure folds as live ingest, and writes each person's
 * documents once (instead of once per batch). Memory is bounded: when a pass holds more than
 * {@code heard.rebuild.pass-bytes}, it keeps only the people in the lower half of its range of key hashes, drops the
 * rest unwritten and reads the partition again for them later. A pass is written on a second thread while the next is
 * read.
 *
 * <p><b>Catch-up and switch.</b> Each partition is then read on, with the live writer's batch logic, up to the offsets
 * the live generation holds ({@code projection_offsets}); the last stretch is read with the live consumer held between
 * two batches, then the new generation is recorded as live and handed to the live consumer. Records that cannot be
 * used are skipped and counted (the live consumer parked them on the dead-letter topic), so a rebuild always completes.
 *
 * <p>With several reporting-service instances, one rebuilds and the others follow the switch ({@link PeerFollower}):
 * each resumes from the offsets the new generation holds, so what it wrote to the old one meanwhile is applied again.
 */
public class Rebuild {

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    /** What one held event costs beyond its JSON (entry, strings, facts), for the memory bound. */
    private static final long EVENT_OVERHEAD_BYTES = 400;
    private static final long HASH_SPACE = 1L << 32;
    private static final int WRITE_CHUNK = 1000;

    /** Where a rebuild stands. */
    public enum State { NEVER_RUN, RUNNING, SWITCHED, FAILED }

    /**
     * @param records          records read so far from offset zero (each counted once, whichever pass took it)
     * @param totalRecords     records to read (end offsets at the start; the catch-up may add a few)
     * @param percent          records as a share of totalRecords
     * @param recordsPerSecond the mean rate since the start
     * @param skipped          records not applied: unreadable or invalid (parked by live ingest), unknown types,
     *                         events no fold could apply
     * @param passes           passes made over a partition so far
     */
    public record Status(State state, int liveGeneration, Integer generation, long records, long totalRecords,
                         double percent, double recordsPerSecond, long skipped, int passes, Instant startedAt,
                         Instant finishedAt, String failure) {
    }

    private final ReportingProperties properties;
    private final LiveProjections projections;
    private final ProjectionConsumer live;
    private final EventReader reader;
    private final Clock clock;
    private final AtomicReference<Status> status;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile long total;
    private volatile int passes;

    private final PeerChanges peers;

    public Rebuild(ReportingProperties properties, LiveProjections projections, ProjectionConsumer live,
                   EventReader reader, PeerChanges peers, MeterRegistry meters, Clock clock) {
        this.peers = peers;
        this.properties = properties;
        this.projections = projections;
        this.live = live;
        this.reader = reader;
        this.clock = clock;
        this.status = new AtomicReference<>(new Status(State.NEVER_RUN, projections.live().generation(), null, 0, 0,
                0, 0, 0, 0, null, null, null));
        io.micrometer.core.instrument.Gauge.builder("heard.reporting.rebuild.progress", this,
                r -> r.status().percent() / 100.0).description("Share of the records the last rebuild has read (0-1)")
                .register(meters);
        io.micrometer.core.instrument.Gauge.builder("heard.reporting.rebuild.records", this, r -> r.status().records())
                .description("Records the last rebuild has read from offset zero").register(meters);
        io.micrometer.core.instrument.Gauge.builder("heard.reporting.rebuild.rate", this,
                r -> r.status().recordsPerSecond()).description("Records per second the last rebuild read")
                .register(meters);
        io.micrometer.core.instrument.Gauge.builder("heard.reporting.rebuild.failed", this,
                r -> r.status().state() == State.FAILED ? 1 : 0)
                .description("1 when the last rebuild failed (the live generation keeps serving), else 0")
                .register(meters);
    }

    public Status status() {
        Status s = status.get();
        if (s.state() != State.RUNNING) {
            return s;
        }
        return progress(s, clock.instant());
    }

    /** Starts a rebuild in the background; 409 while one is running. */
    public synchronized Status start() {
        if (status.get().state() == State.RUNNING) {
            throw new RuleViolation("rebuild-running", "A rebuild is already running");
        }
        Projections next = projections.prepareNext();
        records.set(0);
        skipped.set(0);
        total = 0;
        passes = 0;
        status.set(new Status(State.RUNNING, projections.live().generation(), next.generation(), 0, 0, 0, 0, 0, 0,
                clock.instant(), null, null));
        Thread thread = new Thread(() -> run(next), "projection-rebuild");
        thread.setDaemon(true);
        thread.start();
        return status();
    }

    private void run(Projections next) {
        ExecutorService writes = Executors.newSingleThreadExecutor(r -> new Thread(r, "projection-rebuild-writer"));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            Map<Integer, List<TopicPartition>> byPartition = partitions(consumer);
            List<TopicPartition> all = byPartition.values().stream().flatMap(List::stream).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(all);
            Map<TopicPartition, Long> end = consumer.endOffsets(all);
            total = all.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
            log.info("Rebuild into generation {} (database {}): {} records on {} partitions", next.generation(),
                    next.database().getName(), total, all.size());

            Map<TopicPartition, Long> reached = new HashMap<>();
            Deque<Range> ranges = new ArrayDeque<>();
            byPartition.keySet().forEach(p -> ranges.add(new Range(p, 0, HASH_SPACE)));
            Future<?> writing = null;
            while (!ranges.isEmpty()) {
                Range range = ranges.poll();
                Pass pass = read(consumer, byPartition.get(range.partition()), range, ranges, reached);
                if (writing != null) {
                    writing.get();
                }
                writing = writes.submit(() -> write(next, pass));
            }
            if (writing != null) {
                writing.get();
            }
            // Catch up with the live generation, first with it running, then held for the last stretch.
            ProjectionWriter writer = new ProjectionWriter(next, null);
            catchUp(consumer, writer, reached, projections.live().offsets().load());
            live.betweenBatches(() -> {
                Map<TopicPartition, Long> held = live.writer().projections().offsets().load();
                catchUp(consumer, writer, reached, held);
                Map<TopicPartition, Long> offsets = new HashMap<>(reached);
                held.forEach((partition, offset) -> offsets.merge(partition, offset, Math::max));
                next.offsets().save(offsets);
                Instant loading = clock.instant();
                projections.switchTo(next);
                peers.startAt(loading);
                live.use(new ProjectionWriter(next, projections.index(), peers));
                return null;
            });
            Status done = progress(status.get(), clock.instant());
            status.set(new Status(State.SWITCHED, next.generation(), next.generation(), done.records(),
                    done.totalRecords(), 100, done.recordsPerSecond(), done.skipped(), done.passes(), done.startedAt(),
                    clock.instant(), null));
            log.info("Rebuild into generation {} done: {} records in {} passes, {} s ({} records/s), {} skipped;"
                    + " now live", next.generation(), records.get(), passes,
                    Duration.between(done.startedAt(), clock.instant()).toSeconds(),
                    Math.round(done.recordsPerSecond()), skipped.get());
        } catch (Exception e) {
            Status failed = status();
            status.set(new Status(State.FAILED, projections.live().generation(), next.generation(), records.get(),
                    total, failed.percent(), failed.recordsPerSecond(), skipped.get(), passes, failed.startedAt(),
                    clock.instant(), e.getClass().getSimpleName()));
            log.error("Rebuild into generation {} failed ({}); generation {} stays live", next.generation(),
                    e.getClass().getSimpleName(), projections.live().generation());
        } finally {
            writes.shutdownNow();
        }
    }

    /** A share of one partition's people: those whose key hash falls in [from, to). */
    private record Range(int partition, long from, long to) {

        boolean holds(long hash) {
            return hash >= from && hash < to;
        }
    }

    /** The events of one pass, by person and by systemic issue, in the order read. */
    private static final class Pass {
        final Map<String, PersonPass> people = new LinkedHashMap<>();
        final Map<String, List<ProjectedEvent>> issues = new LinkedHashMap<>();
        /** Per record key of this pass: records read and records skipped (uncounted if the key is dropped). */
        final Map<String, long[]> counts = new HashMap<>();
        long bytes;

        void count(String key, boolean skip) {
            long[] count = counts.computeIfAbsent(key == null ? "" : key, k -> new long[2]);
            count[0]++;
            if (skip) {
                count[1]++;
            }
        }
    }

    /** One person's events in a pass: the timeline's entries, their facts folded as they come, their erasure. */
    private static final class PersonPass {
        final List<PersonTimeline.Entry> entries = new ArrayList<>();
        final PersonFacts.Builder facts = new PersonFacts.Builder();
        ErasureStore.Tombstone erasure;
        long bytes;
    }

    private static long hash(String key) {
        return key.hashCode() & 0xffffffffL;
    }

    /** Reads one range of a partition of every event topic from the start up to its end at this moment. */
    private Pass read(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Range initial,
                      Deque<Range> ranges, Map<TopicPartition, Long> reached) {
        passes++;
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> targets = consumer.endOffsets(partitions);
        // What a later range of this partition finds beyond these targets is read again by the catch-up.
        targets.forEach((partition, target) -> reached.merge(partition, target, Math::min));
        long budget = properties.rebuild().passBytes().toBytes();
        Range range = initial;
        Pass pass = new Pass();
        long logEveryMillis = properties.rebuild().logEvery().toMillis();
        long lastLog = System.currentTimeMillis();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < targets.get(p))) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= targets.get(partition) || record.key() == null && range.from() != 0
                        || record.key() != null && !range.holds(hash(record.key()))) {
                    continue;
                }
                records.incrementAndGet();
                EventReader.Read read = reader.read(record);
                boolean skip = !(read instanceof EventReader.Accepted);
                if (read instanceof EventReader.Accepted accepted) {
                    try {
                        add(pass, ProjectedEvent.of(accepted));
                    } catch (RuntimeException e) {
                        skip = true;
                    }
                }
                if (skip) {
                    skipped.incrementAndGet();
                }
                pass.count(record.key(), skip);
            }
            if (pass.bytes > budget && range.to() - range.from() > 1) {
                // Too much to hold: keep the lower half of the people, read the partition again for the others.
                long middle = range.from() + (range.to() - range.from()) / 2;
                Range upper = new Range(range.partition(), middle, range.to());
                ranges.addFirst(upper);
                range = new Range(range.partition(), range.from(), middle);
                drop(pass, upper);
            }
            long now = System.currentTimeMillis();
            if (now - lastLog >= logEveryMillis) {
                lastLog = now;
                Status s = status();
                log.info("Rebuild into generation {}: {}% ({} of {} records), {} records/s, pass {}", s.generation(),
                        String.format("%.1f", s.percent()), s.records(), s.totalRecords(),
                        Math.round(s.recordsPerSecond()), passes);
            }
        }
        return pass;
    }

    private static void add(Pass pass, ProjectedEvent event) {
        long bytes = event.json().length() + EVENT_OVERHEAD_BYTES;
        if (event.type().aboutAPerson()) {
            PersonPass person = pass.people.computeIfAbsent(event.key(), k -> new PersonPass());
            person.facts.add(event);
            if (event.is(EventCatalogue.PERSON_ERASED) && person.erasure == null) {
                person.erasure = new ErasureStore.Tombstone(event.key(), event.id(), event.time());
            }
            person.entries.add(new PersonTimeline.Entry(event.id(), event.type().type(), event.time(),
                    event.aggregateId(), event.sequence(), event.json()));
            person.bytes += bytes;
            pass.bytes += bytes;
        } else if (WiderImpact.concerns(event.type())) {
            pass.issues.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event);
            pass.bytes += bytes;
        }
    }

    /** Forgets what a pass holds of the keys in a range, and uncounts their records (they will be read again). */
    private void drop(Pass pass, Range range) {
        for (Iterator<Map.Entry<String, PersonPass>> it = pass.people.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, PersonPass> person = it.next();
            if (range.holds(hash(person.getKey()))) {
                pass.bytes -= person.getValue().bytes;
                it.remove();
            }
        }
        for (Iterator<Map.Entry<String, List<ProjectedEvent>>> it = pass.issues.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<ProjectedEvent>> issue = it.next();
            if (range.holds(hash(issue.getKey()))) {
                issue.getValue().forEach(e -> pass.bytes -= e.json().length() + EVENT_OVERHEAD_BYTES);
                it.remove();
            }
        }
        for (Iterator<Map.Entry<String, long[]>> it = pass.counts.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, long[]> count = it.next();
            if (!count.getKey().isEmpty() && range.holds(hash(count.getKey()))) {
                records.addAndGet(-count.getValue()[0]);
                skipped.addAndGet(-count.getValue()[1]);
                it.remove();
            }
        }
    }

    /** Writes a pass: each person's documents once, in the same order of collections as live ingest. */
    private void write(Projections next, Pass pass) {
        List<WriteModel<Document>> profiles = new ArrayList<>();
        List<WriteModel<Document>> tombstones = new ArrayList<>();
        List<WriteModel<Document>> timelines = new ArrayList<>();
        List<WriteModel<Document>> wider = new ArrayList<>();
        pass.people.forEach((person, events) -> {
            if (events.entries.isEmpty()) {
                return;
            }
            try {
                PersonFacts facts = events.facts.build();
                if (events.erasure != null) {
                    profiles.add(ProfileStore.save(new ProfileStore.Stored(events.erasure.factId(), null, facts)));
                    tombstones.add(ErasureStore.save(events.erasure));
                } else {
                    if (!facts.facts().isEmpty()) {
                        profiles.add(ProfileStore.save(new ProfileStore.Stored(person, person, facts)));
                    }
                    timelines.add(TimelineStore.save(TimelineProjection.of(person, events.entries)));
                }
            } catch (RuntimeException e) {
                // Something of theirs cannot be stored: apply their events as live ingest does, which leaves out
                // the event that makes it so (live ingest parked it on the dead-letter topic).
                PersonTimeline all = TimelineProjection.of(person, events.entries);
                PersonFold.Result folded = PersonFold.fold(person, PersonTimeline.empty(person), null, null,
                        TimelineProjection.events(all));
                skipped.addAndGet(folded.failures().size());
                if (folded.profileWrite() != null) {
                    profiles.add(folded.profileWrite());
                }
                if (folded.erasedNow() != null) {
                    tombstones.add(ErasureStore.save(folded.erasedNow()));
                } else if (folded.timelineWrite() != null) {
                    timelines.add(folded.timelineWrite());
                }
            }
        });
        pass.issues.forEach((issue, events) -> {
            WiderImpact view = WiderImpact.empty(issue);
            for (ProjectedEvent event : events) {
                try {
                    view = view.apply(event);
                } catch (RuntimeException e) {
                    skipped.incrementAndGet();
                }
            }
            wider.add(WiderImpactStore.save(view));
        });
        bulk(next.profiles().collection(), profiles);
        bulk(next.erasures().collection(), tombstones);
        bulk(next.timelines().collection(), timelines);
        bulk(next.wider().collection(), wider);
    }

    private static void bulk(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        for (int from = 0; from < writes.size(); from += WRITE_CHUNK) {
            collection.bulkWrite(writes.subList(from, Math.min(writes.size(), from + WRITE_CHUNK)),
                    new BulkWriteOptions().ordered(false));
        }
    }

    /** Reads every partition on from where the passes reached to the targets, in live-sized batches. */
    private void catchUp(KafkaConsumer<String, byte[]> consumer, ProjectionWriter writer,
                         Map<TopicPartition, Long> reached, Map<TopicPartition, Long> targets) {
        List<TopicPartition> behind = reached.keySet().stream()
                .filter(p -> targets.getOrDefault(p, 0L) > reached.get(p)).toList();
        if (behind.isEmpty()) {
            return;
        }
        consumer.assign(behind);
        behind.forEach(p -> consumer.seek(p, reached.get(p)));
        total += behind.stream().mapToLong(p -> targets.get(p) - reached.get(p)).sum();
        while (behind.stream().anyMatch(p -> consumer.position(p) < targets.get(p))) {
            List<ProjectedEvent> batch = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= targets.get(partition)) {
                    continue;
                }
                records.incrementAndGet();
                if (reader.read(record) instanceof EventReader.Accepted accepted) {
                    batch.add(ProjectedEvent.of(accepted));
                } else {
                    skipped.incrementAndGet();
                }
            }
            skipped.addAndGet(writer.apply(batch).failures().size());
        }
        behind.forEach(p -> reached.put(p, targets.get(p)));
    }

    /** Partition n of every event topic, by n; the topics must be co-partitioned. */
    private static Map<Integer, List<TopicPartition>> partitions(KafkaConsumer<String, byte[]> consumer) {
        Map<Integer, List<TopicPartition>> byPartition = new java.util.TreeMap<>();
        Integer count = null;
        for (Topic topic : Topic.eventTopics()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(30));
            if (count != null && count != infos.size()) {
                throw new IllegalStateException("event topics are not co-partitioned");
            }
            count = infos.size();
            for (PartitionInfo info : infos) {
                byPartition.computeIfAbsent(info.partition(), k -> new ArrayList<>())
                        .add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        return byPartition;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(properties.kafka().client());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.rebuild().maxPollRecords());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.kafka().groupId() + "-rebuild");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    private Status progress(Status s, Instant now) {
        long read = records.get();
        double seconds = Math.max(0.001, Duration.between(s.startedAt(), now).toMillis() / 1000.0);
        long totalNow = Math.max(total, read);
        return new Status(s.state(), s.liveGeneration(), s.generation(), read, totalNow,
                totalNow == 0 ? 0 : Math.min(100.0, 100.0 * read / totalNow), read / seconds, skipped.get(), passes,
                s.startedAt(), s.finishedAt(), s.failure());
    }
}
