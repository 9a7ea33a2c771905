package org.heard.cases.referral.receive;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.heard.contracts.SealedValue;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.cases.Setting;

/**
 * Receive a referral to advocacy, opening a case for it at the provider that received it. The reason, in the person's
 * words, is already sealed.
 */
public record ReceiveReferral(
        @TargetAggregateIdentifier String caseId,
        String personId,
        AdvocacyType advocacyType,
        ReferralSource referralSource,
        LocalDate referredOn,
        SealedValue reason,
        Setting setting,
        Boolean instructed,
        String referringOrganisation,
        String providerId) {
}
