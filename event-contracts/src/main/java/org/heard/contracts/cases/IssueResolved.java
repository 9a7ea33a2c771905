package org.heard.contracts.cases;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/** An issue came to an end. */
public record IssueResolved(String caseId, String personId, String issueId, IssueResolution resolution,
                            LocalDate resolvedOn) implements HeardEvent {
}
