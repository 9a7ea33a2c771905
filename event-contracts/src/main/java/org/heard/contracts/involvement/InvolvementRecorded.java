package org.heard.contracts.involvement;

import java.time.LocalDate;
import java.util.List;

import org.heard.contracts.HeardEvent;

/**
 * The person's involvement in a forum where decisions about them were made — the heart of what advocacy changes.
 *
 * @param involvementId         this record's id
 * @param forum                 which forum
 * @param heldOn                when it was held
 * @param issueIds              the person's issues it dealt with
 * @param participation         how the person took part
 * @param viewsTakenIntoAccount whether their views were taken into account
 * @param advocateMinutes       advocate time spent on it
 * @param forumId               the scheduled forum it records, or null
 */
public record InvolvementRecorded(String caseId, String personId, String involvementId, Forum forum, LocalDate heldOn,
                                  List<String> issueIds, Participation participation, ViewsTaken viewsTakenIntoAccount,
                                  int advocateMinutes, String forumId) implements HeardEvent {

    public InvolvementRecorded {
        issueIds = issueIds == null ? List.of() : List.copyOf(issueIds);
    }
}
