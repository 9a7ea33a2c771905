package org.heard.outcomes.access;

import org.heard.contracts.outcomes.Perspective;
import org.heard.kit.access.CaseAccess;
import org.heard.kit.idempotency.IdempotentAnswers;
import org.heard.kit.security.Caller;
import org.heard.kit.web.UnknownReference;
import org.heard.kit.web.UnknownResource;
import org.heard.outcomes.directory.CaseDirectory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * outcome-service's record-level rules, by the rule every service shares ({@link CaseAccess}) over the cases it
 * learnt from case-service's events ({@link CaseDirectory}): an advocate records and changes what is about a case on
 * their caseload at their own provider; a service user only what is about themselves, and only from their own
 * perspective; an outcome is revised only from the perspective it was recorded from.
 */
@Component
public class RecordAccess {

    private final CaseDirectory directory;
    private final RecordHolders holders;
    private final CaseAccess access;

    public RecordAccess(CaseDirectory directory, RecordHolders holders, CaseAccess access) {
        this.directory = directory;
        this.holders = holders;
        this.access = access;
    }

    /**
     * Something new about the person on the case: the case must be theirs (422, 409 {@code person-erased}, see
     * {@link CaseDirectory#requireCaseOfPerson}) and the caller its person or an advocate with it on their caseload.
     *
     * @throws AccessDeniedException otherwise
     */
    public void requireMayRecord(Caller caller, String personId, String caseId) {
        if (!caller.has(Caller.ADVOCATE) && !caller.isPerson(personId)) {
            // refused before the directory is asked: nothing said about whether the person exists
            throw new AccessDeniedException("a service user records only about themselves");
        }
        directory.requireCaseOfPerson(personId, caseId);
        if (caller.isPerson(personId)) {
            return;
        }
        requireOnCaseload(caller, caseId);
    }

    /**
     * Linking a case to a systemic issue: the case must be one the directory knows, on the caller's caseload (as for
     * a new record about it). A case the directory does not know (outcome-service may hold records about it from
     * before its directory) cannot be checked, so it is not linked: false, which the issue refuses as
     * {@code unknown-case}.
     *
     * @throws AccessDeniedException for a known case not on the caller's caseload
     */
    public boolean requireMayLink(Caller caller, String caseId) {
        if (directory.find(caseId).isEmpty()) {
            return false;
        }
        requireOnCaseload(caller, caseId);
        return true;
    }

    /** The case on the caller's caseload; an assignment published a moment ago is waited for, as unknown ids are. */
    private void requireOnCaseload(Caller caller, String caseId) {
        java.util.Optional<CaseDirectory.Case> known = directory.find(caseId);
        boolean otherProvider = known.isPresent() && known.get().providerId() != null
                && !access.ofCallersProvider(caller, known.get().holder());
        // a case's provider never changes: another provider's case is refused without waiting for an assignment
        boolean onCaseload = !otherProvider && directory.awaitCase(caseId, c -> access.onCaseload(caller, c.holder()))
                .filter(c -> access.onCaseload(caller, c.holder())).isPresent();
        if (!onCaseload) {
            // the assignment may still arrive from case-service: a retry with the same Idempotency-Key checks again
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
                IdempotentAnswers.mayChange(attributes.getRequest());
            }
            throw new AccessDeniedException("case not on the caller's caseload");
        }
    }

    /**
     * A change to an existing outcome or goal: allowed to whoever may record about its case (looked up from the
     * record, not the request), and for a service user only for an outcome of their own perspective.
     *
     * @param claimedPersonId the person the request body names (a revision's), or null when the request names none
     * @param claimedCaseId   the case the request body names, or null
     * @throws UnknownResource       404 for an unknown record
     * @throws UnknownReference      422 when the body names another person or case than the record's
     * @throws AccessDeniedException when the caller may not change it
     */
    public RecordHolders.Held requireMayChange(Caller caller, String recordId, String claimedPersonId,
                                               String claimedCaseId) {
        RecordHolders.Held held = holders.find(recordId).orElseThrow(() -> new UnknownResource("No outcome or goal has that id"));
        // who may change it is decided by the record, before anything the body claims is looked at
        if (caller.isPerson(held.personId()) && caller.has(Caller.SERVICE_USER)) {
            if (held.perspective() != Perspective.SERVICE_USER) {
                throw new AccessDeniedException("a service user changes only outcomes recorded from their perspective");
            }
        } else if (!caller.has(Caller.ADVOCATE)) {
            throw new AccessDeniedException("a service user changes only their own records");
        } else {
            requireOnCaseload(caller, held.caseId());
        }
        if (claimedPersonId != null && !claimedPersonId.equals(held.personId())) {
            throw new UnknownReference("personId", "must be the person the record is about");
        }
        if (claimedCaseId != null && !claimedCaseId.equals(held.caseId())) {
            throw new UnknownReference("caseId", "must be the case the record is about");
        }
        return held;
    }
}
