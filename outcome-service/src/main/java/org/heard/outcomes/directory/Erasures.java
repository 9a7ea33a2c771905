package org.heard.outcomes.directory;

import org.heard.kit.web.RuleViolation;

/** Whether a person is known to be erased: then nothing new is recorded about them. */
public interface Erasures {

    boolean isErased(String personId);

    /** @throws RuleViolation {@code person-erased} */
    default void requireNotErased(String personId) {
        if (isErased(personId)) {
            throw refusal();
        }
    }

    /** The refusal of anything new about an erased person. */
    static RuleViolation refusal() {
        return new RuleViolation("person-erased", "the person has been erased; nothing new is recorded about them");
    }
}
