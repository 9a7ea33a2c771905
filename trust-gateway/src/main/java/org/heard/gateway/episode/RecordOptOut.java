package org.heard.gateway.episode;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.heard.contracts.trust.OptOutKind;
import org.heard.contracts.trust.TrustProtocol;

/** Record that a qualifying patient opted out of, or declined, IMHA. */
public record RecordOptOut(@TargetAggregateIdentifier String personId, OptOutKind kind, LocalDate recordedOn,
                           TrustProtocol protocol) {
}
