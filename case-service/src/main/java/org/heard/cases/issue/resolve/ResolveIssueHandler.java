package org.heard.cases.issue.resolve;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.heard.cases.referral.AdvocacyCases;
import org.springframework.stereotype.Component;

/** Resolves the issue on its case ({@code AdvocacyCase#resolveIssue} holds the rule). */
@Component
public class ResolveIssueHandler {

    private final AdvocacyCases cases;
    private final Clock clock;

    public ResolveIssueHandler(AdvocacyCases cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(ResolveIssue command) {
        cases.change(command.caseId(), c -> c.resolveIssue(command.issueId(), command.resolution(),
                command.resolvedOn(), clock));
    }
}
