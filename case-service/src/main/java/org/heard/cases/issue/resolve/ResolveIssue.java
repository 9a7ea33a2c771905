package org.heard.cases.issue.resolve;

import java.time.LocalDate;

import org.heard.contracts.cases.IssueResolution;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record how an issue ended. */
public record ResolveIssue(@TargetAggregateIdentifier String caseId, String issueId, IssueResolution resolution, LocalDate resolvedOn) {
}
