package org.heard.cases.involvement.correct;

import java.time.LocalDate;
import java.util.List;

import org.heard.contracts.involvement.Forum;
import org.heard.contracts.involvement.Participation;
import org.heard.contracts.involvement.ViewsTaken;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Correct a recorded involvement (the whole corrected record). */
public record CorrectInvolvement(@TargetAggregateIdentifier String caseId, String involvementId, Forum forum, LocalDate heldOn, List<String> issueIds, Participation participation, ViewsTaken viewsTakenIntoAccount, int advocateMinutes) {
}
