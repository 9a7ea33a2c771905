package org.heard.contracts.involvement;

import java.time.LocalDate;
import java.util.List;

import org.heard.contracts.HeardEvent;

/**
 * A recorded involvement was corrected: the full corrected record, referencing the involvement it corrects.
 *
 * @param involvementId the involvement this corrects
 */
public record InvolvementCorrected(String caseId, String personId, String involvementId, Forum forum,
                                   LocalDate heldOn, List<String> issueIds, Participation participation,
                                   ViewsTaken viewsTakenIntoAccount, int advocateMinutes) implements HeardEvent {

    public InvolvementCorrected {
        issueIds = issueIds == null ? List.of() : List.copyOf(issueIds);
    }
}
