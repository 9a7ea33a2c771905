package org.heard.cases.person;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.heard.contracts.SealedValue;

/**
 * Register a person. Their details arrive already sealed with their own data key; the NHS number also as a keyed
 * lookup pseudonym (null when no NHS number is known).
 */
public record RegisterPerson(
        @TargetAggregateIdentifier String personId,
        SealedValue name,
        SealedValue nhsNumber,
        SealedValue dateOfBirth,
        SealedValue contact,
        String nhsLookup) {
}
