package org.heard.contracts.outcomes;

import java.time.LocalDate;

import org.heard.contracts.PersonlessEvent;

/** A systemic issue (e.g. a ward's leave policy) was logged at a level, with a theme. Organisational text only. */
public record SystemicIssueLogged(String systemicIssueId, ImpactLevel level, String theme, String description, LocalDate loggedOn) implements PersonlessEvent {

    @Override
    public String key() {
        return systemicIssueId;
    }
}
