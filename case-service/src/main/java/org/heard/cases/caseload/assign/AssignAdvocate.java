package org.heard.cases.caseload.assign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Put a case on an advocate's caseload, in a team of the case's provider (null: none). */
public record AssignAdvocate(@TargetAggregateIdentifier String caseId, String advocateId, String team) {

    public AssignAdvocate(String caseId, String advocateId) {
        this(caseId, advocateId, null);
    }
}
