package org.heard.contracts.outcomes;

import java.time.LocalDate;

import org.heard.contracts.PersonlessEvent;

/** A framework version was retired: no new assessments use it. */
public record FrameworkVersionRetired(String frameworkId, int version, LocalDate retiredOn) implements PersonlessEvent {

    @Override
    public String key() {
        return frameworkId;
    }
}
