package org.heard.contracts.cases;

import org.heard.contracts.HeardEvent;

/**
 * An advocate was assigned to a case (or took it over from another): the case is now on their caseload.
 *
 * @param caseId     the case
 * @param personId   the person's pseudonymous id
 * @param advocateId the advocate's staff identifier (the subject of their login), not a name
 */
public record AdvocateAssigned(String caseId, String personId, String advocateId) implements HeardEvent {
}
