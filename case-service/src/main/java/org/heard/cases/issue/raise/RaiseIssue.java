package org.heard.cases.issue.raise;

import java.time.LocalDate;

import org.heard.contracts.SealedValue;
import org.heard.contracts.cases.IssueCategory;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Raise an issue the person wants support with; the description, in their words, is already sealed. */
public record RaiseIssue(@TargetAggregateIdentifier String caseId, String issueId, IssueCategory category, SealedValue description, LocalDate raisedOn) {
}
