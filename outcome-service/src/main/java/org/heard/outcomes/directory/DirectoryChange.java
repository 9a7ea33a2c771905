package org.heard.outcomes.directory;

import java.util.Optional;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.CaseReopened;
import org.heard.contracts.cases.CaseStatus;
import org.heard.contracts.cases.ReferralAccepted;
import org.heard.contracts.cases.ReferralDeclined;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.persons.PersonErased;
import org.heard.contracts.persons.PersonRegistered;

/**
 * What one published case event changes in the directory; a pure function of the event and its sequence in its
 * aggregate. Events the directory does not need (legal status, issues, consent…) change nothing.
 */
sealed interface DirectoryChange {

    record PersonRegistration(String personId) implements DirectoryChange {
    }

    record PersonErasure(String personId) implements DirectoryChange {
    }

    /**
     * The case is the person's; its status as of the event with this sequence; the provider that received it when
     * the event is its referral (null otherwise, and for referrals recorded before they named one).
     */
    record CaseStatusChange(String caseId, String personId, CaseStatus status, long sequence, String providerId)
            implements DirectoryChange {

        CaseStatusChange(String caseId, String personId, CaseStatus status, long sequence) {
            this(caseId, personId, status, sequence, null);
        }
    }

    /** The case is on this advocate's caseload, in this team (or none), as of the event with this sequence. */
    record AdvocateChange(String caseId, String personId, String advocateId, String team, long sequence)
            implements DirectoryChange {

        AdvocateChange(String caseId, String personId, String advocateId, long sequence) {
            this(caseId, personId, advocateId, null, sequence);
        }
    }

    /**
     * @throws InvalidEvent when a field the directory keeps is missing or not a plausible id
     */
    static Optional<DirectoryChange> of(HeardEvent event, long sequence) {
        DirectoryChange change = null;
        if (event instanceof PersonRegistered e) {
            change = new PersonRegistration(id("personId", e.personId()));
        } else if (event instanceof PersonErased e) {
            change = new PersonErasure(id("personId", e.personId()));
        } else if (event instanceof ReferralReceived e) {
            change = new CaseStatusChange(id("caseId", e.caseId()), id("personId", e.personId()),
                    CaseStatus.after(e).orElseThrow(), sequence, e.providerId() == null ? null
                    : text("providerId", e.providerId(), 200));
        } else if (event instanceof ReferralAccepted e) {
            change = status(e.caseId(), e.personId(), event, sequence);
        } else if (event instanceof ReferralDeclined e) {
            change = status(e.caseId(), e.personId(), event, sequence);
        } else if (event instanceof CaseClosed e) {
            change = status(e.caseId(), e.personId(), event, sequence);
        } else if (event instanceof CaseReopened e) {
            change = status(e.caseId(), e.personId(), event, sequence);
        } else if (event instanceof AdvocateAssigned e) {
            change = new AdvocateChange(id("caseId", e.caseId()), id("personId", e.personId()),
                    text("advocateId", e.advocateId(), 200),
                    e.team() == null ? null : text("team", e.team(), 200), sequence);
        }
        return Optional.ofNullable(change);
    }

    /** The case's status after the event, from the one table ({@link CaseStatus#after}). */
    private static CaseStatusChange status(String caseId, String personId, HeardEvent event, long sequence) {
        return new CaseStatusChange(id("caseId", caseId), id("personId", personId),
                CaseStatus.after(event).orElseThrow(), sequence);
    }

    private static String id(String field, String value) {
        return text(field, value, 64);
    }

    /** Present, at most {@code max} characters, no control characters (PostgreSQL refuses NUL in text). */
    private static String text(String field, String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max) {
            throw new InvalidEvent(field + " is missing or longer than " + max);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidEvent(field + " holds a control character");
            }
        }
        return value;
    }

    /** An event whose fields the directory cannot keep. The message names the field, never its value. */
    final class InvalidEvent extends RuntimeException {
        InvalidEvent(String message) {
            super(message);
        }
    }
}
