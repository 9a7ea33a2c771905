package org.heard.cases.person;

import org.heard.kit.web.RuleViolation;
import org.heard.kit.web.UnknownReference;

/**
 * What case-service knows of a person id: never registered, registered, or erased; and the two rules that follow from
 * it. A referral names a person registered first; nothing new is accepted about an erased person. The answers never
 * repeat the id.
 */
public interface Persons {

    /** A person id's standing. */
    enum Standing { UNKNOWN, REGISTERED, ERASED }

    Standing of(String personId);

    /**
     * @throws UnknownReference 422 naming {@code field} when the person was never registered
     * @throws RuleViolation    {@code person-erased} when the person has been erased
     */
    default void requireRegistered(String field, String personId) {
        switch (of(personId)) {
            case ERASED -> throw erased();
            case UNKNOWN -> throw new UnknownReference(field, "must be the id of a registered person");
            case REGISTERED -> {
            }
        }
    }

    /** @throws RuleViolation {@code person-erased} when the person has been erased */
    default void requireNotErased(String personId) {
        if (of(personId) == Standing.ERASED) {
            throw erased();
        }
    }

    private static RuleViolation erased() {
        return new RuleViolation("person-erased", "the person has been erased; nothing new is recorded about them");
    }
}
