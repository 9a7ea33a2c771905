package org.heard.contracts.cases;

import org.heard.contracts.HeardEvent;

/**
 * An advocate was assigned to a case (or took it over from another): the case is now on their caseload.
 *
 * @param caseId     the case
 * @param personId   the person's pseudonymous id
 * @param advocateId the advocate's staff identifier (the subject of their login), not a name
 * @param team       the team within the case's provider the case is assigned to, or null (an optional field added
 *                   within v1; providers that share caseloads by team use it)
 */
public record AdvocateAssigned(String caseId, String personId, String advocateId, String team) implements HeardEvent {

    /** An assignment as recorded before it named a team. */
    public AdvocateAssigned(String caseId, String personId, String advocateId) {
        this(caseId, personId, advocateId, null);
    }
}
