package org.heard.gateway.episode;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take another person's record into this one (HL7 A40): the survivor records the merge. */
public record MergePerson(@TargetAggregateIdentifier String personId, String mergedPersonId, Instant mergedAt,
                          String organisation) {
}
