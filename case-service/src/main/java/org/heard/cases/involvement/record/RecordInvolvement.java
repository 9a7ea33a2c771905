package org.heard.cases.involvement.record;

import java.time.LocalDate;
import java.util.List;

import org.heard.contracts.involvement.Forum;
import org.heard.contracts.involvement.Participation;
import org.heard.contracts.involvement.ViewsTaken;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record how the person was involved in a forum where decisions about them were made. */
public record RecordInvolvement(@TargetAggregateIdentifier String caseId, String involvementId, Forum forum, LocalDate heldOn, List<String> issueIds, Participation participation, ViewsTaken viewsTakenIntoAccount, int advocateMinutes, String forumId) {
}
