package org.heard.cases.legalstatus.record;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.heard.cases.referral.AdvocacyCases;
import org.springframework.stereotype.Component;

/** Records the person's legal status on their case ({@code AdvocacyCase#recordLegalStatus} holds the rule). */
@Component
public class RecordLegalStatusHandler {

    private final AdvocacyCases cases;
    private final Clock clock;

    public RecordLegalStatusHandler(AdvocacyCases cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(RecordLegalStatus command) {
        cases.change(command.caseId(), c -> c.recordLegalStatus(command.legalStatusCode(), command.startedOn(),
                command.endedOn(), clock));
    }
}
