package org.heard.contracts.outcomes;

import java.time.LocalDate;

import org.heard.contracts.PersonlessEvent;

/** A change in a service regime or policy was achieved on a systemic issue. */
public record SystemicChangeAchieved(String systemicIssueId, String changeId, String description, LocalDate achievedOn) implements PersonlessEvent {

    @Override
    public String key() {
        return systemicIssueId;
    }
}
