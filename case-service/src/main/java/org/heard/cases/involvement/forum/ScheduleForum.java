package org.heard.cases.involvement.forum;

import java.time.LocalDate;

import org.heard.contracts.involvement.Forum;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Note a forum about the person that is coming up. */
public record ScheduleForum(@TargetAggregateIdentifier String caseId, String forumId, Forum forum, LocalDate scheduledFor) {
}
