package org.heard.contracts.cases;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/**
 * The person's legal status under the Mental Health Act, as an England and Wales legal status code, from a date (and
 * until one, when it has ended). A change of status during the case is a new event.
 *
 * @param caseId            the case
 * @param personId          the person's pseudonymous id
 * @param legalStatusCode   two-digit code, e.g. {@code 01} informal, {@code 02} section 2, {@code 03} section 3,
 *                          {@code 35} community treatment order
 * @param startedOn         from when
 * @param endedOn           until when, or null while it lasts
 * @param qualifyingPatient whether this status makes the person a qualifying patient for IMHA (derived from the code)
 */
public record LegalStatusRecorded(String caseId, String personId, String legalStatusCode, LocalDate startedOn,
                                  LocalDate endedOn, boolean qualifyingPatient) implements HeardEvent {
}
