package org.heard.contracts.outcomes;

import java.time.LocalDate;

import org.heard.contracts.PersonlessEvent;

/** A case that raised a systemic issue was linked to it (many cases, one systemic issue). */
public record SystemicIssueLinkedToCase(String systemicIssueId, String caseId, LocalDate linkedOn) implements PersonlessEvent {

    @Override
    public String key() {
        return systemicIssueId;
    }
}
