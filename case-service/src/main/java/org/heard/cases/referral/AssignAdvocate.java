package org.heard.cases.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Put a case on an advocate's caseload. */
public record AssignAdvocate(@TargetAggregateIdentifier String caseId, String advocateId) {
}
