package org.heard.contracts.outcomes;

import java.time.LocalDate;

import org.heard.contracts.PersonlessEvent;

/** A co-design review of a draft framework version, by role, endorsing or asking for changes to draftRevision. The comment is the reviewing group's, about the instrument, never about a person. */
public record CoDesignReviewRecorded(String frameworkId, int version, int draftRevision, ReviewerRole reviewerRole, Verdict verdict, String comment, LocalDate reviewedOn) implements PersonlessEvent {

    @Override
    public String key() {
        return frameworkId;
    }
}
