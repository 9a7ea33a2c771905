package org.heard.reporting.projection;

import java.util.List;

import org.heard.reporting.cohort.ProfileStore;
import org.heard.reporting.erasure.ErasureStore;
import org.heard.reporting.timeline.TimelineStore;
import org.heard.reporting.wider.WiderImpactStore;

import com.mongodb.client.MongoDatabase;

/**
 * One generation of every projection, all in one MongoDB database: the live one serves queries and takes new events; a
 * rebuild fills the next one from offset zero and is then switched to.
 *
 * @param generation 0 for the configured database itself, n for {@code <database>_g<n>}
 */
public record Projections(int generation, MongoDatabase database, TimelineStore timelines, ErasureStore erasures,
                          WiderImpactStore wider, ProfileStore profiles, OffsetStore offsets) {

    /** The projection collections of a generation, as a rebuild compares them (offsets are bookkeeping). */
    public static final List<String> COLLECTIONS = List.of(TimelineStore.COLLECTION, ErasureStore.COLLECTION,
            WiderImpactStore.COLLECTION, ProfileStore.COLLECTION);

    public static Projections in(int generation, MongoDatabase database) {
        return new Projections(generation, database, new TimelineStore(database), new ErasureStore(database),
                new WiderImpactStore(database), new ProfileStore(database), new OffsetStore(database));
    }

    /** The database name of a generation. */
    public static String databaseName(String base, int generation) {
        return generation == 0 ? base : base + "_g" + generation;
    }
}
