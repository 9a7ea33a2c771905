package org.heard.cases.issue.raise;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.heard.cases.referral.AdvocacyCases;
import org.springframework.stereotype.Component;

/** Raises the issue on its case ({@code AdvocacyCase#raiseIssue} holds the rule). */
@Component
public class RaiseIssueHandler {

    private final AdvocacyCases cases;
    private final Clock clock;

    public RaiseIssueHandler(AdvocacyCases cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(RaiseIssue command) {
        cases.change(command.caseId(), c -> c.raiseIssue(command.issueId(), command.category(), command.description(),
                command.raisedOn(), clock));
    }
}
