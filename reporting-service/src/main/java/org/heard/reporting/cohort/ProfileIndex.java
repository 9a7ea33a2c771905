package org.heard.reporting.cohort;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live generation's profiles as they stand now, held in memory so that a cohort query over a hundred thousand
 * people aggregates in memory instead of reading every document per request. MongoDB stays the record: the index is
 * loaded from it at start and after a rebuild switch, and the projection writer updates it after each successful
 * write. People none of whose referrals counts are not held (they are in no cohort figure); the people the uptake
 * view counts (a qualifying episode, or a merge) are held apart, with only the facts it reads.
 */
public class ProfileIndex {

    /** One person (or an erased person's anonymous fact) as the analyst views see them now. */
    public record Indexed(String id, String personId, PersonProfile profile) {

        public boolean erased() {
            return personId == null;
        }
    }

    /**
     * One person (or an erased person's anonymous fact) as the uptake view needs them: only the facts it reads.
     *
     * @param facts {@link PersonFacts#forUptake()}
     */
    public record UptakeIndexed(String id, String personId, PersonFacts facts) {
    }

    private final Map<String, Indexed> profiles = new ConcurrentHashMap<>();
    private final Map<String, UptakeIndexed> uptake = new ConcurrentHashMap<>();

    /** Replaces the whole index with what a store holds. */
    public synchronized void loadFrom(ProfileStore store) {
        Map<String, Indexed> loaded = new java.util.HashMap<>();
        Map<String, UptakeIndexed> loadedUptake = new java.util.HashMap<>();
        store.forEach(stored -> {
            Indexed indexed = indexed(stored);
            if (indexed != null) {
                loaded.put(stored.id(), indexed);
            }
            UptakeIndexed forUptake = uptakeIndexed(stored);
            if (forUptake != null) {
                loadedUptake.put(stored.id(), forUptake);
            }
        });
        profiles.clear();
        profiles.putAll(loaded);
        uptake.clear();
        uptake.putAll(loadedUptake);
    }

    /** After a batch has been written: its saved documents and removed ids. */
    public void update(Collection<ProfileStore.Stored> saved, Collection<String> removed) {
        removed.forEach(profiles::remove);
        removed.forEach(uptake::remove);
        for (ProfileStore.Stored stored : saved) {
            Indexed indexed = indexed(stored);
            if (indexed == null) {
                profiles.remove(stored.id());
            } else {
                profiles.put(stored.id(), indexed);
            }
            UptakeIndexed forUptake = uptakeIndexed(stored);
            if (forUptake == null) {
                uptake.remove(stored.id());
            } else {
                uptake.put(stored.id(), forUptake);
            }
        }
    }

    /** A snapshot of every counted profile, erased people's anonymous facts included. */
    public List<Indexed> all() {
        return new ArrayList<>(profiles.values());
    }

    /** A snapshot of everyone the uptake view counts (qualifying or merging people), erased people's facts included. */
    public List<UptakeIndexed> uptake() {
        return new ArrayList<>(uptake.values());
    }

    public int size() {
        return profiles.size();
    }

    private static UptakeIndexed uptakeIndexed(ProfileStore.Stored stored) {
        PersonFacts facts = stored.facts().forUptake();
        return facts == null ? null : new UptakeIndexed(stored.id(), stored.personId(), facts);
    }

    private static Indexed indexed(ProfileStore.Stored stored) {
        PersonProfile now = PersonProfile.of(stored.facts());
        return now == null ? null : new Indexed(stored.id(), stored.personId(), now);
    }
}
