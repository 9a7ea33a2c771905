package org.heard.gateway.episode;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Note on a merged person that they live on as the survivor; their history stays under their own id. */
public record MarkMerged(@TargetAggregateIdentifier String personId, String survivorId, Instant mergedAt) {
}
