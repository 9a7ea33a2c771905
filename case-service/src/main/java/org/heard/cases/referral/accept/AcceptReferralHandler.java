package org.heard.cases.referral.accept;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.heard.cases.referral.AdvocacyCases;
import org.springframework.stereotype.Component;

/** Accepts the referral of its case ({@code AdvocacyCase#accept} holds the rule). */
@Component
public class AcceptReferralHandler {

    private final AdvocacyCases cases;
    private final Clock clock;

    public AcceptReferralHandler(AdvocacyCases cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(AcceptReferral command) {
        cases.change(command.caseId(), c -> c.accept(command.acceptedOn(), clock));
    }
}
