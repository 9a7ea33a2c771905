package org.heard.contracts.cases;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.SealedValue;

/**
 * The person raised an issue they want the advocate's support with.
 *
 * @param description the issue in the person's own words, sealed
 */
public record IssueRaised(String caseId, String personId, String issueId, IssueCategory category,
                          SealedValue description, LocalDate raisedOn) implements HeardEvent {
}
