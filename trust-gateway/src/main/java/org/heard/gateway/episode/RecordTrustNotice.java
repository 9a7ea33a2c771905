package org.heard.gateway.episode;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.heard.contracts.trust.TrustProtocol;
import org.heard.gateway.notice.NoticeKind;

/**
 * Apply what a trust said about a person's stay and legal status. Carries no personal data: the stay is named by a
 * keyed digest of the trust's identifier.
 *
 * @param personId     the person
 * @param kind         what happened
 * @param protocol     how the trust said it
 * @param organisation the trust (ODS code)
 * @param occurredAt   when it happened at the trust
 * @param notifiedAt   when it reached Heard
 * @param stayRef      the stay, or null
 * @param site         the hospital site, or null
 * @param ward         the ward, or null
 * @param dischargedAt the discharge time, or null
 * @param status       the legal status the message carries, or null
 */
public record RecordTrustNotice(@TargetAggregateIdentifier String personId, NoticeKind kind, TrustProtocol protocol,
                                String organisation, Instant occurredAt, Instant notifiedAt, String stayRef,
                                String site, String ward, Instant dischargedAt, Status status) {

    /**
     * A legal status, and whether the configured IMHA rule makes it qualifying.
     *
     * @param startedAt when it began, or null when the message does not say (then: when the message's event occurred)
     */
    public record Status(String code, LegalStatusCodeSystem system, Instant startedAt, boolean qualifying) {
    }
}
