package org.heard.cases.casefile.view;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.heard.cases.access.Caseloads;
import org.heard.cases.referral.CaseApi;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.IssueCategory;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.cases.Setting;
import org.heard.contracts.involvement.Forum;
import org.heard.kit.privacy.PersonalDataVault;
import org.heard.kit.security.AuditTrail;
import org.heard.kit.security.Caller;
import org.heard.kit.web.UnknownResource;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A case as its advocate or its person reads it. Access: the case on the caller's caseload ({@code casework}), the
 * caller is its person ({@code own-record}), or an unexpired exceptional look at its person
 * ({@code access-grant/<id>}); the read is audited with that purpose.
 */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class CaseViewEndpoint {

    private final EventStore events;
    private final PersonalDataVault vault;
    private final Caseloads caseloads;
    private final AuditTrail audit;
    private final Clock clock;

    public CaseViewEndpoint(EventStore events, PersonalDataVault vault, Caseloads caseloads, AuditTrail audit,
                            Clock clock) {
        this.events = events;
        this.vault = vault;
        this.caseloads = caseloads;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A case as its advocate or its person sees it: the referral, its decision, legal status and eligibility flag,
     * first contact, open issues (in the person's words) and upcoming forums. Words read null once the person is erased.
     */
    public record CaseView(String caseId, String personId, AdvocacyType advocacyType, ReferralSource referralSource,
                           Setting setting, LocalDate referredOn, String reason, String status,
                           boolean eligibilityToConfirm, String legalStatusCode, Boolean qualifyingPatient,
                           String advocateId, LocalDate firstContactOn, Integer daysToFirstContact,
                           List<IssueView> openIssues, List<ForumView> upcomingForums, int involvements,
                           ClosureReason closureReason, LocalDate closedOn) {
    }

    /** An open issue. */
    public record IssueView(String issueId, IssueCategory category, String description, LocalDate raisedOn) {
    }

    /** A forum still to come. */
    public record ForumView(String forumId, Forum forum, LocalDate scheduledFor) {
    }

    /** A case, for its advocate or its person; the person's words are unsealed and the read audited. */
    @GetMapping("/{caseId}")
    public CaseView view(@PathVariable UUID caseId, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Caseloads.CaseEntry entry = caseloads.find(caseId.toString())
                .orElseThrow(() -> new UnknownResource("No case has that caseId"));
        Caseloads.ReadPermit permit = caseloads.readCase(caller, entry);
        CaseFolder folder = new CaseFolder(vault, LocalDate.now(clock));
        events.readEvents(caseId.toString()).asStream().forEach(m -> folder.apply(m.getPayload()));
        CaseView view = folder.view();
        if (view == null) {
            throw new UnknownResource("No case has that caseId");
        }
        audit.personalDataRead(caller, "case/" + caseId, permit.purpose());
        return view;
    }
}
