package org.heard.cases.closure.reopen;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.heard.cases.referral.AdvocacyCases;
import org.springframework.stereotype.Component;

/** Reopens the case ({@code AdvocacyCase#reopen} holds the rule). */
@Component
public class ReopenCaseHandler {

    private final AdvocacyCases cases;
    private final Clock clock;

    public ReopenCaseHandler(AdvocacyCases cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(ReopenCase command) {
        cases.change(command.caseId(), c -> c.reopen(command.reopenedOn(), clock));
    }
}
