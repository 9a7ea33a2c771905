package org.heard.cases.involvement.record;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.heard.cases.referral.AdvocacyCase;
import org.heard.cases.referral.AdvocacyCases;
import org.springframework.stereotype.Component;

/** Records the involvement on its case ({@code AdvocacyCase#recordInvolvement} holds the rule). */
@Component
public class RecordInvolvementHandler {

    private final AdvocacyCases cases;
    private final Clock clock;

    public RecordInvolvementHandler(AdvocacyCases cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(RecordInvolvement command) {
        cases.change(command.caseId(), c -> c.recordInvolvement(new AdvocacyCase.Involvement(command.involvementId(),
                command.forum(), command.heldOn(), command.issueIds(), command.participation(),
                command.viewsTakenIntoAccount(), command.advocateMinutes()), command.forumId(), clock));
    }
}
