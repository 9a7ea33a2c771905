package org.heard.reporting.projection;

import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.heard.reporting.cohort.ProfileIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * Which generation of the projections is live, recorded in {@code projection_generation} of the configured database
 * so that a restart serves the generation last switched to. Queries read {@link #live()}; a rebuild fills
 * {@link #prepareNext()} and then {@link #switchTo switches}, after which the old generation is dropped.
 */
public class LiveProjections {

    public static final String CONTROL = "projection_generation";
    /**
     * The shape of the stored projections. A generation of another shape (from an earlier version of Heard) is not
     * read: the service starts a new, empty generation, which the live consumer fills from offset zero by itself.
     */
    public static final int FORMAT = 2;
    private static final Logger log = LoggerFactory.getLogger(LiveProjections.class);
    /** How long a replaced generation is kept, so that other instances can follow before it is dropped. */
    static final java.time.Duration DROP_GRACE = java.time.Duration.ofSeconds(30);

    private final MongoClient client;
    private final String base;
    private final MongoCollection<Document> control;
    private final AtomicReference<Projections> live = new AtomicReference<>();
    private final ProfileIndex index = new ProfileIndex();

    public LiveProjections(MongoClient client, String baseDatabase) {
        this.client = client;
        this.base = baseDatabase;
        this.control = client.getDatabase(baseDatabase).getCollection(CONTROL);
        Document current = control.find(Filters.eq("_id", "live")).first();
        int generation = current == null ? 0 : current.getInteger("generation", 0);
        Projections projections = open(generation);
        if ((current == null ? 0 : current.getInteger("format", 0)) != FORMAT) {
            if (!empty(projections)) {
                drop(open(generation + 1));
                Projections fresh = open(generation + 1);
                log.info("Projections of generation {} have an earlier shape; starting generation {} afresh from"
                        + " offset zero", generation, fresh.generation());
                drop(projections);
                projections = fresh;
            }
            record(projections.generation());
        }
        index.loadFrom(projections.profiles());
        live.set(projections);
    }

    /** The generation that serves queries and takes new events. */
    public Projections live() {
        return live.get();
    }

    /** The in-memory index of the live generation's cohort profiles. */
    public ProfileIndex index() {
        return index;
    }

    /** An empty next generation for a rebuild (anything left there by an abandoned rebuild is dropped first). */
    public Projections prepareNext() {
        Projections next = open(live.get().generation() + 1);
        drop(next);
        return open(next.generation());
    }

    /**
     * Makes a rebuilt generation live, and drops the one it replaces after a grace period in which other instances
     * follow ({@link #follow}) and stop writing to it.
     */
    public synchronized void switchTo(Projections next) {
        index.loadFrom(next.profiles());
        record(next.generation());
        Projections old = live.getAndSet(next);
        Thread dropper = new Thread(() -> {
            try {
                Thread.sleep(DROP_GRACE.toMillis());
                drop(old);
                log.info("Generation {} of the projections dropped", old.generation());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Generation {} not dropped ({}); drop database {} by hand", old.generation(),
                        e.getClass().getSimpleName(), old.database().getName());
            }
        }, "projection-drop");
        dropper.setDaemon(true);
        dropper.start();
        log.info("Projections switched to generation {} (database {}); generation {} is dropped in {} s",
                next.generation(), next.database().getName(), old.generation(), DROP_GRACE.toSeconds());
    }

    /** The generation recorded as live (another instance may have switched to it). */
    public int recordedGeneration() {
        Document current = control.find(Filters.eq("_id", "live")).first();
        return current == null ? live.get().generation() : current.getInteger("generation", 0);
    }

    /** Serves the generation another instance switched to; returns it, or null when it is already live here. */
    public synchronized Projections follow(int generation) {
        if (live.get().generation() == generation) {
            return null;
        }
        Projections next = open(generation);
        index.loadFrom(next.profiles());
        live.set(next);
        log.info("Projections followed to generation {} (database {})", generation, next.database().getName());
        return next;
    }

    private void record(int generation) {
        control.replaceOne(Filters.eq("_id", "live"), new Document("_id", "live").append("generation", generation)
                .append("format", FORMAT), new ReplaceOptions().upsert(true));
    }

    private static boolean empty(Projections projections) {
        for (String name : Projections.COLLECTIONS) {
            if (projections.database().getCollection(name).find().first() != null) {
                return false;
            }
        }
        return projections.database().getCollection(OffsetStore.COLLECTION).find().first() == null;
    }

    private Projections open(int generation) {
        return Projections.in(generation, client.getDatabase(Projections.databaseName(base, generation)));
    }

    private void drop(Projections projections) {
        if (projections.generation() == 0) {
            Projections.COLLECTIONS.forEach(name -> projections.database().getCollection(name).drop());
            projections.database().getCollection(OffsetStore.COLLECTION).drop();
            // collections of the earlier shape
            java.util.List.of("referral_fact", "evaluation_withdrawn")
                    .forEach(name -> projections.database().getCollection(name).drop());
        } else {
            projections.database().drop();
        }
    }
}
