package org.heard.contracts.outcomes;

import java.time.LocalDate;

import org.heard.contracts.PersonlessEvent;

/** A framework version was published: it is immutable from now on and can be used for assessments. */
public record FrameworkVersionPublished(String frameworkId, int version, LocalDate publishedOn) implements PersonlessEvent {

    @Override
    public String key() {
        return frameworkId;
    }
}
