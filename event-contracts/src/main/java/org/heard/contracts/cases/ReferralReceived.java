package org.heard.contracts.cases;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.SealedValue;

/**
 * A person was referred to advocacy and a case was opened for the referral.
 *
 * @param caseId         the case's id (a UUID)
 * @param personId       the person's pseudonymous id
 * @param advocacyType   the kind of advocacy asked for
 * @param referralSource who referred
 * @param referredOn     the date of the referral (never in the future)
 * @param reason         why advocacy is wanted, in the person's own words, sealed; null when not given
 * @param setting        where the person is (null on events recorded before it was asked)
 * @param instructed     instructed advocacy (the person directs it) or non-instructed (they cannot); null when
 *                       not recorded
 * @param referringOrganisation the referring organisation's name or ODS code, or null
 * @param providerId     the advocacy provider that received the referral and holds the case (its staff see it);
 *                       null on events recorded before providers were (an optional field added within v1)
 */
public record ReferralReceived(
        String caseId,
        String personId,
        AdvocacyType advocacyType,
        ReferralSource referralSource,
        LocalDate referredOn,
        SealedValue reason,
        Setting setting,
        Boolean instructed,
        String referringOrganisation,
        String providerId) implements HeardEvent {

    /** A referral as recorded before it named its provider. */
    public ReferralReceived(String caseId, String personId, AdvocacyType advocacyType, ReferralSource referralSource,
                            LocalDate referredOn, SealedValue reason, Setting setting, Boolean instructed,
                            String referringOrganisation) {
        this(caseId, personId, advocacyType, referralSource, referredOn, reason, setting, instructed,
                referringOrganisation, null);
    }
}
