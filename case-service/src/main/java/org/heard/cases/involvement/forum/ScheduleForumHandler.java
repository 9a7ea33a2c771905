package org.heard.cases.involvement.forum;

import org.axonframework.commandhandling.CommandHandler;
import org.heard.cases.referral.AdvocacyCases;
import org.springframework.stereotype.Component;

/** Notes the forum on its case ({@code AdvocacyCase#scheduleForum} holds the rule). */
@Component
public class ScheduleForumHandler {

    private final AdvocacyCases cases;

    public ScheduleForumHandler(AdvocacyCases cases) {
        this.cases = cases;
    }

    @CommandHandler
    public void handle(ScheduleForum command) {
        cases.change(command.caseId(), c -> c.scheduleForum(command.forumId(), command.forum(),
                command.scheduledFor()));
    }
}
