package org.heard.reporting.cohort;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live generation's {@code cohort_profile} documents held in memory, so that a cohort query over a hundred
 * thousand people aggregates in memory instead of reading every document per request. MongoDB stays the record: the
 * index is loaded from it at start and after a rebuild switch, and the projection writer updates it after each
 * successful write.
 */
public class ProfileIndex {

    private final Map<String, ProfileStore.Stored> profiles = new ConcurrentHashMap<>();

    /** Replaces the whole index with what a store holds. */
    public synchronized void loadFrom(ProfileStore store) {
        Map<String, ProfileStore.Stored> loaded = new java.util.HashMap<>();
        store.forEach(stored -> loaded.put(stored.id(), stored));
        profiles.clear();
        profiles.putAll(loaded);
    }

    /** After a batch has been written: its saved profiles and removed documents. */
    public void update(Collection<ProfileStore.Stored> saved, Collection<String> removed) {
        removed.forEach(profiles::remove);
        saved.forEach(stored -> profiles.put(stored.id(), stored));
    }

    /** A snapshot of every profile, erased people's anonymous facts included. */
    public List<ProfileStore.Stored> all() {
        return new ArrayList<>(profiles.values());
    }

    public int size() {
        return profiles.size();
    }
}
