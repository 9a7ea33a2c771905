package org.heard.cases.person;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.heard.contracts.SealedValue;
import org.heard.contracts.persons.AccessReason;

/** Grant an advocate an exceptional, time-limited look at the person's record; the justification already sealed. */
public record RequestAccess(@TargetAggregateIdentifier String personId, String grantId, String advocateId,
                            String providerId, AccessReason reason, SealedValue justification, Instant expiresAt) {
}
