package org.heard.cases.person;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.heard.contracts.SealedValue;
import org.heard.contracts.persons.EqualityDetails;

/**
 * Register a person. Their details arrive already sealed with their own data key; the NHS number also as a keyed
 * lookup pseudonym (null when no NHS number is known). Equality categories are in clear.
 */
public record RegisterPerson(
        @TargetAggregateIdentifier String personId,
        SealedValue name,
        SealedValue nhsNumber,
        SealedValue dateOfBirth,
        SealedValue contact,
        String nhsLookup,
        EqualityDetails equality) {
}
