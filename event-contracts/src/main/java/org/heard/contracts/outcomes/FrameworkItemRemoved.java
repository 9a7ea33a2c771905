package org.heard.contracts.outcomes;

import org.heard.contracts.PersonlessEvent;

/** An item was removed from a draft framework version. */
public record FrameworkItemRemoved(String frameworkId, int version, String itemId, int draftRevision) implements PersonlessEvent {

    @Override
    public String key() {
        return frameworkId;
    }
}
