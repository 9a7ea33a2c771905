package org.heard.contracts.persons;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/**
 * A person's data key was destroyed: every sealed value of theirs now reads as erased, wherever it is kept.
 * Non-identifying facts (dates, categories, scores) remain for cohort statistics. Consumers delete the person's
 * person-level documents and ignore any later event of theirs.
 *
 * @param personId the person's pseudonymous id
 * @param reason   why, as a category
 * @param erasedOn the date of erasure
 */
public record PersonErased(String personId, ErasureReason reason, LocalDate erasedOn) implements HeardEvent {
}
