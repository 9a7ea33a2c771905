package org.heard.cases.caseload.assign;

import org.axonframework.commandhandling.CommandHandler;
import org.heard.cases.referral.AdvocacyCases;
import org.springframework.stereotype.Component;

/** Puts the case on the advocate's caseload ({@code AdvocacyCase#assign} holds the rule). */
@Component
public class AssignAdvocateHandler {

    private final AdvocacyCases cases;

    public AssignAdvocateHandler(AdvocacyCases cases) {
        this.cases = cases;
    }

    @CommandHandler
    public void handle(AssignAdvocate command) {
        cases.change(command.caseId(), c -> c.assign(command.advocateId(), command.team()));
    }
}
