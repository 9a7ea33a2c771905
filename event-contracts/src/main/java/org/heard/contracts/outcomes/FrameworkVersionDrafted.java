package org.heard.contracts.outcomes;

import org.heard.contracts.PersonlessEvent;

/** A version of an evaluation framework was drafted (a new framework, or a change to a published one: basedOnVersion). */
public record FrameworkVersionDrafted(String frameworkId, int version, String name, FrameworkPurpose purpose, ScoringRule scoringRule, Integer basedOnVersion) implements PersonlessEvent {

    @Override
    public String key() {
        return frameworkId;
    }
}
