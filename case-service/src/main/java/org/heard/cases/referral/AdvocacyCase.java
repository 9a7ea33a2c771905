package org.heard.cases.referral;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.heard.contracts.cases.LegalStatusCodes;
import org.heard.cases.person.Persons;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.CaseReopened;
import org.heard.contracts.cases.CaseStatus;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ContactMode;
import org.heard.contracts.cases.DeclineReason;
import org.heard.contracts.cases.FirstContactMade;
import org.heard.contracts.SealedValue;
import org.heard.contracts.cases.IssueCategory;
import org.heard.contracts.cases.IssueRaised;
import org.heard.contracts.cases.IssueResolution;
import org.heard.contracts.cases.IssueResolved;
import org.heard.contracts.cases.LegalStatusRecorded;
import org.heard.contracts.cases.ReferralAccepted;
import org.heard.contracts.cases.ReferralDeclined;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.cases.Setting;
import org.heard.contracts.involvement.Forum;
import org.heard.contracts.involvement.ForumScheduled;
import org.heard.contracts.involvement.InvolvementCorrected;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.contracts.involvement.Participation;
import org.heard.contracts.involvement.ViewsTaken;
import org.heard.kit.domain.Dates;
import org.heard.kit.web.RuleViolation;

/**
 * An advocacy case, from referral to closure (and reopening). Every rule of casework lives in one method here, which
 * the handler of one use-case slice ({@code org.heard.cases.<area>.<use case>}) calls through {@link AdvocacyCases}:
 * a referral names a registered person; nothing is added about a person once erased; decisions on a referral are made
 * once; an advocate is assigned only after acceptance; first contact is recorded once
 * per opening; nothing new (issue, involvement, forum) is added to a closed or declined case; dates are never in the
 * future (a forum's scheduled date aside) nor before the referral; corrections name an involvement that exists.
 */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLockFactory")
public class AdvocacyCase {

    @AggregateIdentifier
    private String caseId;
    private String personId;
    private AdvocacyType advocacyType;
    private LocalDate referredOn;
    private LocalDate openedOn;
    private LocalDate closedOn;
    private CaseStatus status;
    private String advocateId;
    private String team;
    private boolean qualifyingStatus;
    private boolean firstContactInThisOpening;
    private final Map<String, Boolean> issueOpen = new HashMap<>();
    private final Set<String> involvements = new HashSet<>();
    private final Set<String> forums = new HashSet<>();

    protected AdvocacyCase() {
        // for Axon
    }

    /**
     * The case opened by a referral (through {@link AdvocacyCases#open}): a referral names a person registered first,
     * and not erased, and is not dated in the future.
     */
    public AdvocacyCase(Referral referral, Clock clock, Persons persons) {
        persons.requireRegistered("personId", referral.personId());
        Dates.notInFuture("referredOn", referral.referredOn(), clock);
        apply(new ReferralReceived(referral.caseId(), referral.personId(), referral.advocacyType(),
                referral.referralSource(), referral.referredOn(), referral.reason(), referral.setting(),
                referral.instructed(), referral.referringOrganisation(), referral.providerId()));
    }

    /** A referral as received, its reason already sealed, at the provider that received it. */
    public record Referral(String caseId, String personId, AdvocacyType advocacyType, ReferralSource referralSource,
                           LocalDate referredOn, SealedValue reason, Setting setting, Boolean instructed,
                           String referringOrganisation, String providerId) {
    }

    /**
     * Accepting the referral: decided once; an IMHA referral without a qualifying legal status is accepted with its
     * eligibility to confirm.
     */
    public void accept(LocalDate acceptedOn, Clock clock) {
        requireStatus(CaseStatus.REFERRED, "referral-decided", "the referral has already been decided");
        validDate("acceptedOn", acceptedOn, clock);
        boolean toConfirm = advocacyType == AdvocacyType.IMHA && !qualifyingStatus;
        apply(new ReferralAccepted(caseId, personId, acceptedOn, toConfirm));
    }

    /** Declining the referral, with the reason: decided once. */
    public void decline(LocalDate declinedOn, DeclineReason reason, Clock clock) {
        requireStatus(CaseStatus.REFERRED, "referral-decided", "the referral has already been decided");
        validDate("declinedOn", declinedOn, clock);
        apply(new ReferralDeclined(caseId, personId, declinedOn, reason));
    }

    /** An advocate, in a team (or none), for an accepted, open case; the same advocate and team again changes nothing. */
    public void assign(String advocateId, String team) {
        requireStatus(CaseStatus.OPEN, "not-accepted", "an advocate is assigned only to an accepted, open case");
        if (advocateId.equals(this.advocateId) && java.util.Objects.equals(team, this.team)) {
            return;
        }
        apply(new AdvocateAssigned(caseId, personId, advocateId, team));
    }

    /**
     * The person's legal status, by a code Heard knows (which says whether it makes a qualifying patient), on a case
     * not ended; it may start before the referral, not in the future, and ends (if it has) no earlier than it started.
     */
    public void recordLegalStatus(String legalStatusCode, LocalDate startedOn, LocalDate endedOn, Clock clock) {
        requireNotEnded();
        LegalStatusCodes.LegalStatus status = LegalStatusCodes.find(legalStatusCode)
                .orElseThrow(() -> new RuleViolation("unknown-legal-status",
                        "legalStatusCode is not a code Heard knows"));
        Dates.notInFuture("startedOn", startedOn, clock);
        if (endedOn != null) {
            Dates.notInFuture("endedOn", endedOn, clock);
            if (endedOn.isBefore(startedOn)) {
                throw new RuleViolation("date-order", "endedOn cannot lie before startedOn");
            }
        }
        apply(new LegalStatusRecorded(caseId, personId, status.code(), startedOn, endedOn, status.qualifying()));
    }

    /**
     * First contact, once per opening of an accepted case, not before that opening, with the days it took from the
     * opening (the referral, or the reopening).
     */
    public void recordFirstContact(LocalDate contactOn, ContactMode mode, Clock clock) {
        requireStatus(CaseStatus.OPEN, "not-accepted", "first contact is recorded on an accepted, open case");
        if (firstContactInThisOpening) {
            throw new RuleViolation("first-contact-recorded", "first contact is already recorded for this opening");
        }
        Dates.notInFuture("contactOn", contactOn, clock);
        if (contactOn.isBefore(openedOn)) {
            throw new RuleViolation("date-before-opening", "contactOn cannot lie before the case was opened");
        }
        apply(new FirstContactMade(caseId, personId, contactOn, mode,
                (int) ChronoUnit.DAYS.between(openedOn, contactOn)));
    }

    /** Closing the case, with the reason: once, and never a declined referral. */
    public void close(ClosureReason reason, LocalDate closedOn, Clock clock) {
        if (status == CaseStatus.CLOSED) {
            throw new RuleViolation("case-already-closed", "the case is already closed");
        }
        if (status == CaseStatus.DECLINED) {
            throw new RuleViolation("referral-declined", "a declined referral has no case to close");
        }
        validDate("closedOn", closedOn, clock);
        apply(new CaseClosed(caseId, personId, reason, closedOn));
    }

    /** Reopening a closed case, not before its closure: a new opening (first contact is recorded again). */
    public void reopen(LocalDate reopenedOn, Clock clock) {
        requireStatus(CaseStatus.CLOSED, "case-not-closed", "only a closed case can be reopened");
        Dates.notInFuture("reopenedOn", reopenedOn, clock);
        if (reopenedOn.isBefore(closedOn)) {
            throw new RuleViolation("date-before-closure", "reopenedOn cannot lie before the closure");
        }
        apply(new CaseReopened(caseId, personId, reopenedOn));
    }

    /** An issue in the person's words (already sealed); raising the same issue id again changes nothing. */
    public void raiseIssue(String issueId, IssueCategory category, SealedValue description, LocalDate raisedOn,
                           Clock clock) {
        requireOpen("issue");
        validDate("raisedOn", raisedOn, clock);
        if (issueOpen.containsKey(issueId)) {
            return;
        }
        apply(new IssueRaised(caseId, personId, issueId, category, description, raisedOn));
    }

    /** How an open issue of this case ended. */
    public void resolveIssue(String issueId, IssueResolution resolution, LocalDate resolvedOn, Clock clock) {
        requireOpen("issue resolution");
        Boolean open = issueOpen.get(issueId);
        if (open == null) {
            throw new RuleViolation("unknown-issue", "issueId names no issue of this case");
        }
        if (!open) {
            throw new RuleViolation("issue-resolved", "the issue is already resolved");
        }
        validDate("resolvedOn", resolvedOn, clock);
        apply(new IssueResolved(caseId, personId, issueId, resolution, resolvedOn));
    }

    /** A forum coming up (it may lie ahead, not before the referral); the same forum id again changes nothing. */
    public void scheduleForum(String forumId, Forum forum, LocalDate scheduledFor) {
        requireOpen("forum");
        if (scheduledFor.isBefore(referredOn)) {
            throw new RuleViolation("date-before-referral", "scheduledFor cannot lie before the referral date");
        }
        if (forums.contains(forumId)) {
            return;
        }
        apply(new ForumScheduled(caseId, personId, forumId, forum, scheduledFor));
    }

    /** The person's involvement in a forum, naming only this case's issues and scheduled forums. */
    public void recordInvolvement(Involvement involvement, String forumId, Clock clock) {
        requireOpen("involvement");
        validDate("heldOn", involvement.heldOn(), clock);
        requireIssues(involvement.issueIds());
        if (forumId != null && !forums.contains(forumId)) {
            throw new RuleViolation("unknown-forum", "forumId names no forum scheduled on this case");
        }
        if (involvements.contains(involvement.involvementId())) {
            return;
        }
        apply(new InvolvementRecorded(caseId, personId, involvement.involvementId(), involvement.forum(),
                involvement.heldOn(), involvement.issueIds(), involvement.participation(),
                involvement.viewsTakenIntoAccount(), involvement.advocateMinutes(), forumId));
    }

    /** The whole corrected record of an involvement of this case (a closed case's too). */
    public void correctInvolvement(Involvement involvement, Clock clock) {
        if (!involvements.contains(involvement.involvementId())) {
            throw new RuleViolation("unknown-involvement", "a correction must name an involvement of this case");
        }
        validDate("heldOn", involvement.heldOn(), clock);
        requireIssues(involvement.issueIds());
        apply(new InvolvementCorrected(caseId, personId, involvement.involvementId(), involvement.forum(),
                involvement.heldOn(), involvement.issueIds(), involvement.participation(),
                involvement.viewsTakenIntoAccount(), involvement.advocateMinutes()));
    }

    /** An involvement as recorded or corrected: what the two use cases share. */
    public record Involvement(String involvementId, Forum forum, LocalDate heldOn, java.util.List<String> issueIds,
                              Participation participation, ViewsTaken viewsTakenIntoAccount, int advocateMinutes) {
    }

    /**
     * Nothing new is recorded on the case of an erased person, whatever the use case: {@link AdvocacyCases#change}
     * checks it before every change (and the opening constructor for a referral).
     */
    void requireNotErased(Persons persons) {
        persons.requireNotErased(personId);
    }

    private void requireStatus(CaseStatus required, String rule, String message) {
        if (status != required) {
            throw new RuleViolation(rule, message);
        }
    }

    private void requireNotEnded() {
        if (status.ended()) {
            throw new RuleViolation("case-closed", "the case is closed");
        }
    }

    private void requireOpen(String what) {
        if (status.ended()) {
            throw new RuleViolation("case-closed", "no " + what + " can be recorded on a closed case");
        }
    }

    private void requireIssues(java.util.List<String> issueIds) {
        for (String issueId : issueIds) {
            if (!issueOpen.containsKey(issueId)) {
                throw new RuleViolation("unknown-issue", "issueIds name an issue not of this case");
            }
        }
    }


    /** Not in the future and not before the referral. */
    private void validDate(String field, LocalDate date, Clock clock) {
        Dates.notInFuture(field, date, clock);
        if (date.isBefore(referredOn)) {
            throw new RuleViolation("date-before-referral", field + " cannot lie before the referral date");
        }
    }

    @EventSourcingHandler
    void on(ReferralReceived event) {
        this.caseId = event.caseId();
        this.personId = event.personId();
        this.advocacyType = event.advocacyType();
        this.referredOn = event.referredOn();
        this.openedOn = event.referredOn();
        this.status = CaseStatus.after(event).orElseThrow();
    }

    @EventSourcingHandler
    void on(ReferralAccepted event) {
        this.status = CaseStatus.after(event).orElseThrow();
    }

    @EventSourcingHandler
    void on(ReferralDeclined event) {
        this.status = CaseStatus.after(event).orElseThrow();
    }

    @EventSourcingHandler
    void on(AdvocateAssigned event) {
        this.advocateId = event.advocateId();
        this.team = event.team();
    }

    @EventSourcingHandler
    void on(LegalStatusRecorded event) {
        this.qualifyingStatus = event.qualifyingPatient() && event.endedOn() == null;
    }

    @EventSourcingHandler
    void on(FirstContactMade event) {
        this.firstContactInThisOpening = true;
    }

    @EventSourcingHandler
    void on(CaseClosed event) {
        this.status = CaseStatus.after(event).orElseThrow();
        this.closedOn = event.closedOn();
    }

    @EventSourcingHandler
    void on(CaseReopened event) {
        this.status = CaseStatus.after(event).orElseThrow();
        this.openedOn = event.reopenedOn();
        this.firstContactInThisOpening = false;
    }

    @EventSourcingHandler
    void on(IssueRaised event) {
        issueOpen.put(event.issueId(), true);
    }

    @EventSourcingHandler
    void on(IssueResolved event) {
        issueOpen.put(event.issueId(), false);
    }

    @EventSourcingHandler
    void on(ForumScheduled event) {
        forums.add(event.forumId());
    }

    @EventSourcingHandler
    void on(InvolvementRecorded event) {
        involvements.add(event.involvementId());
    }
}
