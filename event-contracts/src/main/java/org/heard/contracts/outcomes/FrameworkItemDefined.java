package org.heard.contracts.outcomes;

import java.util.List;

import org.heard.contracts.PersonlessEvent;

/** An item of a draft framework version was added or changed: its wording, response scale, subscale and scoring direction. draftRevision counts the changes to the draft, so a review endorses exactly what it saw. */
public record FrameworkItemDefined(String frameworkId, int version, String itemId, String wording, int scaleMin, int scaleMax, List<String> scaleLabels, String subscale, boolean reverseScored, int draftRevision) implements PersonlessEvent {

    @Override
    public String key() {
        return frameworkId;
    }
}
