package org.heard.kit.access;

/**
 * Who holds a case, as a service knows it from case-service's events: the provider that received the referral, the
 * advocate it is assigned to now and the team of that assignment.
 *
 * @param caseId     the case
 * @param personId   the person it is about
 * @param providerId the provider that received it; null for a case referred before providers were recorded
 * @param advocateId the advocate it is assigned to, or null while unassigned
 * @param team       the team of the assignment, or null
 */
public record CaseHolder(String caseId, String personId, String providerId, String advocateId, String team) {
}
