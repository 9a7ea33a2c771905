package org.heard.cases.contact.first;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.heard.cases.referral.AdvocacyCases;
import org.springframework.stereotype.Component;

/** Records first contact on its case ({@code AdvocacyCase#recordFirstContact} holds the rule). */
@Component
public class RecordFirstContactHandler {

    private final AdvocacyCases cases;
    private final Clock clock;

    public RecordFirstContactHandler(AdvocacyCases cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(RecordFirstContact command) {
        cases.change(command.caseId(), c -> c.recordFirstContact(command.contactOn(), command.mode(), clock));
    }
}
