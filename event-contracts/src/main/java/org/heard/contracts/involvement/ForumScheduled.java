package org.heard.contracts.involvement;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/** A forum about the person is coming up (shown to the advocate as an upcoming forum). */
public record ForumScheduled(String caseId, String personId, String forumId, Forum forum, LocalDate scheduledFor)
        implements HeardEvent {
}
