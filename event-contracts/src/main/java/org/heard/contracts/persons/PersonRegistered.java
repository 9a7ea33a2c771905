package org.heard.contracts.persons;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.SealedValue;

/**
 * A person became known to Heard. Their identifying details travel sealed with their own data key.
 *
 * @param personId    the person's pseudonymous id (random)
 * @param name        sealed name
 * @param nhsNumber   sealed NHS number, or null when not known
 * @param dateOfBirth sealed date of birth (ISO date), or null when not known
 * @param contact     sealed contact details, or null
 * @param equality    equality-monitoring categories, in clear (null on events recorded before they were asked)
 */
public record PersonRegistered(
        String personId,
        SealedValue name,
        SealedValue nhsNumber,
        SealedValue dateOfBirth,
        SealedValue contact,
        EqualityDetails equality) implements HeardEvent {
}
