package org.heard.contracts.outcomes;

import java.time.LocalDate;

import org.heard.contracts.PersonlessEvent;

/**
 * A framework version was published: it is immutable from now on and can be used for assessments.
 *
 * @param reliableChange what the version declares for the reliable change index of its total score; null when it
 *                       declares nothing (and on every event published before the field existed)
 */
public record FrameworkVersionPublished(String frameworkId, int version, LocalDate publishedOn,
                                        ReliableChangeBasis reliableChange) implements PersonlessEvent {

    /** A publication that declares no basis for reliable change. */
    public FrameworkVersionPublished(String frameworkId, int version, LocalDate publishedOn) {
        this(frameworkId, version, publishedOn, null);
    }

    @Override
    public String key() {
        return frameworkId;
    }
}
