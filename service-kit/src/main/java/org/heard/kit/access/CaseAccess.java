package org.heard.kit.access;

import org.heard.kit.security.Caller;
import org.springframework.security.access.AccessDeniedException;

/**
 * The one record-level rule of every service, about cases. A case belongs to the provider that received it, and an
 * advocate acts on it only when it is on their caseload: assigned to them, or to their team where the provider shares
 * caseloads by team, and never a case of another provider. While nobody has it, any advocate of its provider may take
 * (decide, assign) it. A service user acts on the cases about themselves. Everything else is an exceptional look,
 * which only an explicit, time-limited grant gives (case-service's access requests), and only to read.
 */
public final class CaseAccess {

    private final AccessProperties properties;

    public CaseAccess(AccessProperties properties) {
        this.properties = properties;
    }

    /** The provider a case belongs to: the one it names, or for earlier cases the configured one (maybe none). */
    public String providerOf(CaseHolder c) {
        return c.providerId() != null ? c.providerId() : properties.providerOfEarlierCases();
    }

    /** True when the caller works for the provider the case belongs to. */
    public boolean ofCallersProvider(Caller caller, CaseHolder c) {
        String provider = providerOf(c);
        return caller.providerId() != null && caller.providerId().equals(provider);
    }

    /** True when the case is on the caller's caseload: theirs, or their team's where their provider shares by team. */
    public boolean onCaseload(Caller caller, CaseHolder c) {
        if (!caller.has(Caller.ADVOCATE) || !ofCallersProvider(caller, c)) {
            return false;
        }
        if (caller.subject().equals(c.advocateId())) {
            return true;
        }
        return sharesByTeam(providerOf(c)) && c.advocateId() != null && c.team() != null
                && c.team().equals(caller.team());
    }

    /** True when nobody has the case yet and the caller is an advocate of its provider. */
    public boolean mayTake(Caller caller, CaseHolder c) {
        return c.advocateId() == null && caller.has(Caller.ADVOCATE) && ofCallersProvider(caller, c);
    }

    /** True when the caller may read the case: on their caseload, or the person it is about. */
    public boolean mayRead(Caller caller, CaseHolder c) {
        return onCaseload(caller, c) || caller.isPerson(c.personId());
    }

    public boolean sharesByTeam(String providerId) {
        return providerId != null && properties.teamCaseloadProviders().contains(providerId);
    }

    /** @throws AccessDeniedException unless the case is on the caller's caseload */
    public void requireOnCaseload(Caller caller, CaseHolder c) {
        if (!onCaseload(caller, c)) {
            throw new AccessDeniedException("case not on the caller's caseload");
        }
    }

    /** @throws AccessDeniedException unless the case is on the caller's caseload, or unassigned at their provider */
    public void requireOnCaseloadOrTakeable(Caller caller, CaseHolder c) {
        if (!onCaseload(caller, c) && !mayTake(caller, c)) {
            throw new AccessDeniedException("case neither on the caller's caseload nor open to their provider");
        }
    }

    /** @throws AccessDeniedException unless the caller may read the case */
    public void requireReadable(Caller caller, CaseHolder c) {
        if (!mayRead(caller, c)) {
            throw new AccessDeniedException("case not on the caller's caseload");
        }
    }

    public AccessProperties properties() {
        return properties;
    }
}
