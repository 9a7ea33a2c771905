package org.heard.cases.closure.close;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.heard.cases.referral.AdvocacyCases;
import org.springframework.stereotype.Component;

/** Closes the case ({@code AdvocacyCase#close} holds the rule). */
@Component
public class CloseCaseHandler {

    private final AdvocacyCases cases;
    private final Clock clock;

    public CloseCaseHandler(AdvocacyCases cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(CloseCase command) {
        cases.change(command.caseId(), c -> c.close(command.reason(), command.closedOn(), clock));
    }
}
