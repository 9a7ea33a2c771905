package org.heard.cases.involvement.correct;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.heard.cases.referral.AdvocacyCase;
import org.heard.cases.referral.AdvocacyCases;
import org.springframework.stereotype.Component;

/** Corrects the involvement on its case ({@code AdvocacyCase#correctInvolvement} holds the rule). */
@Component
public class CorrectInvolvementHandler {

    private final AdvocacyCases cases;
    private final Clock clock;

    public CorrectInvolvementHandler(AdvocacyCases cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(CorrectInvolvement command) {
        cases.change(command.caseId(), c -> c.correctInvolvement(new AdvocacyCase.Involvement(
                command.involvementId(), command.forum(), command.heldOn(), command.issueIds(),
                command.participation(), command.viewsTakenIntoAccount(), command.advocateMinutes()), clock));
    }
}
