package org.heard.cases.casefile.view;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.heard.cases.casefile.view.CaseViewEndpoint.CaseView;
import org.heard.cases.casefile.view.CaseViewEndpoint.ForumView;
import org.heard.cases.casefile.view.CaseViewEndpoint.IssueView;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.CaseReopened;
import org.heard.contracts.cases.CaseStatus;
import org.heard.contracts.cases.FirstContactMade;
import org.heard.contracts.cases.IssueRaised;
import org.heard.contracts.cases.IssueResolved;
import org.heard.contracts.cases.LegalStatusRecorded;
import org.heard.contracts.cases.ReferralAccepted;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.involvement.ForumScheduled;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.kit.privacy.PersonalDataVault;

/** Folds a case's events, in order, into the view its advocate sees; sealed words are opened through the vault. */
final class CaseFolder {

    private final PersonalDataVault vault;
    private final LocalDate today;
    private ReferralReceived referral;
    private String personId;
    private CaseStatus status;
    private boolean eligibilityToConfirm;
    private LegalStatusRecorded legalStatus;
    private String advocateId;
    private FirstContactMade firstContact;
    private final Map<String, IssueRaised> openIssues = new LinkedHashMap<>();
    private final Map<String, ForumScheduled> forums = new LinkedHashMap<>();
    private int involvements;
    private CaseClosed closure;

    CaseFolder(PersonalDataVault vault, LocalDate today) {
        this.vault = vault;
        this.today = today;
    }

    void apply(Object event) {
        CaseStatus.after(event).ifPresent(next -> status = next);
        if (event instanceof ReferralReceived e) {
            referral = e;
            personId = e.personId();
        } else if (event instanceof ReferralAccepted e) {
            eligibilityToConfirm = e.eligibilityToConfirm();
        } else if (event instanceof LegalStatusRecorded e) {
            legalStatus = e;
            if (e.qualifyingPatient() && e.endedOn() == null) {
                eligibilityToConfirm = false;
            }
        } else if (event instanceof AdvocateAssigned e) {
            advocateId = e.advocateId();
        } else if (event instanceof FirstContactMade e) {
            firstContact = e;
        } else if (event instanceof IssueRaised e) {
            openIssues.put(e.issueId(), e);
        } else if (event instanceof IssueResolved e) {
            openIssues.remove(e.issueId());
        } else if (event instanceof ForumScheduled e) {
            forums.put(e.forumId(), e);
        } else if (event instanceof InvolvementRecorded e) {
            involvements++;
            if (e.forumId() != null) {
                forums.remove(e.forumId());
            }
        } else if (event instanceof CaseClosed e) {
            closure = e;
        } else if (event instanceof CaseReopened) {
            closure = null;
            firstContact = null;
        }
    }

    /** The view, or null when no referral was folded. */
    CaseView view() {
        if (referral == null) {
            return null;
        }
        List<IssueView> issues = new ArrayList<>();
        for (IssueRaised issue : openIssues.values()) {
            issues.add(new IssueView(issue.issueId(), issue.category(),
                    vault.unseal(personId, "issue:" + issue.issueId(), issue.description()).orElse(null),
                    issue.raisedOn()));
        }
        List<ForumView> upcoming = forums.values().stream().filter(f -> !f.scheduledFor().isBefore(today))
                .sorted(Comparator.comparing(ForumScheduled::scheduledFor))
                .map(f -> new ForumView(f.forumId(), f.forum(), f.scheduledFor())).toList();
        return new CaseView(referral.caseId(), personId, referral.advocacyType(), referral.referralSource(),
                referral.setting(), referral.referredOn(),
                vault.unseal(personId, "referralReason", referral.reason()).orElse(null), status.name(),
                eligibilityToConfirm, legalStatus == null ? null : legalStatus.legalStatusCode(),
                legalStatus == null ? null : legalStatus.qualifyingPatient(), advocateId,
                firstContact == null ? null : firstContact.contactOn(),
                firstContact == null ? null : firstContact.daysFromReferral(), issues, upcoming, involvements,
                closure == null ? null : closure.reason(), closure == null ? null : closure.closedOn());
    }
}
