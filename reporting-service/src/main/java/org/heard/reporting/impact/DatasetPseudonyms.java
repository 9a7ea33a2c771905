package org.heard.reporting.impact;

import java.util.HexFormat;

import org.heard.kit.privacy.Pseudonyms;

/**
 * Per-dataset pseudonyms for person-level analyst outputs: the dataset's own key is the keyed HMAC of its name under
 * the deployment's dataset key, and a person's pseudonym is the keyed HMAC of their id under the dataset's key. Stable
 * within a dataset, unlinkable across datasets, and never the internal id.
 */
public class DatasetPseudonyms {

    private final Pseudonyms master;

    public DatasetPseudonyms(Pseudonyms master) {
        this.master = master;
    }

    /** The pseudonyms of one dataset. */
    public Pseudonyms dataset(String name) {
        return new Pseudonyms(HexFormat.of().parseHex(master.of("dataset:" + name)));
    }

    /** The pseudonym of a person in a dataset. */
    public String of(String dataset, String personId) {
        return dataset(dataset).of(personId).substring(0, 32);
    }
}
