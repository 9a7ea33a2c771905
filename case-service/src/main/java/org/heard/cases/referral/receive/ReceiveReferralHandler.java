package org.heard.cases.referral.receive;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.heard.cases.referral.AdvocacyCase;
import org.heard.cases.referral.AdvocacyCases;
import org.springframework.stereotype.Component;

/** Opens the case for the referral ({@code AdvocacyCase}'s opening constructor holds the rule). */
@Component
public class ReceiveReferralHandler {

    private final AdvocacyCases cases;
    private final Clock clock;

    public ReceiveReferralHandler(AdvocacyCases cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(ReceiveReferral command) {
        cases.open(new AdvocacyCase.Referral(command.caseId(), command.personId(), command.advocacyType(),
                command.referralSource(), command.referredOn(), command.reason(), command.setting(),
                command.instructed(), command.referringOrganisation(), command.providerId()), clock);
    }
}
