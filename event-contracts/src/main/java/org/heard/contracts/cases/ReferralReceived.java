package org.heard.contracts.cases;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/**
 * A person was referred to advocacy and a case was opened for the referral.
 *
 * @param caseId         the case's id (a UUID)
 * @param personId       the person's pseudonymous id
 * @param advocacyType   the kind of advocacy asked for
 * @param referralSource who referred
 * @param referredOn     the date of the referral (never in the future)
 */
public record ReferralReceived(
        String caseId,
        String personId,
        AdvocacyType advocacyType,
        ReferralSource referralSource,
        LocalDate referredOn) implements HeardEvent {
}
