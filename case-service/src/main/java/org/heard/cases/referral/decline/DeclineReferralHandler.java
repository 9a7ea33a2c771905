package org.heard.cases.referral.decline;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.heard.cases.referral.AdvocacyCases;
import org.springframework.stereotype.Component;

/** Declines the referral of its case ({@code AdvocacyCase#decline} holds the rule). */
@Component
public class DeclineReferralHandler {

    private final AdvocacyCases cases;
    private final Clock clock;

    public DeclineReferralHandler(AdvocacyCases cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(DeclineReferral command) {
        cases.change(command.caseId(), c -> c.decline(command.declinedOn(), command.reason(), clock));
    }
}
