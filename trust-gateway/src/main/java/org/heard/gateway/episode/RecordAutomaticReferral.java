package org.heard.gateway.episode;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the IMHA referral case-service opened for a qualifying episode, with the first-contact clock. */
public record RecordAutomaticReferral(@TargetAggregateIdentifier String personId, String qualifyingEpisodeId,
                                      String caseId, Instant notifiedAt, Instant firstContactDueBy, String rule) {
}
