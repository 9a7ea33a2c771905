package org.heard.cases.referral;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.heard.cases.access.Caseloads;
import org.heard.cases.person.Persons;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.IssueCategory;
import org.heard.contracts.cases.Setting;
import org.heard.contracts.involvement.Forum;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ReferralSource;
import org.heard.kit.privacy.PersonalDataVault;
import org.heard.kit.security.AuditTrail;
import org.heard.kit.security.Caller;
import org.heard.kit.web.UnknownResource;
import org.heard.kit.domain.NotInFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Referrals, caseloads, assignment, decisions, legal status, first contact, closure and reopening of advocacy cases:
 * the use cases not yet cut into slices of their own (issues, forums and involvement are: see
 * {@code org.heard.cases.issue} and {@code org.heard.cases.involvement}).
 */
@RestController
@RequestMapping("/api/cases")
@Validated
@Tag(name = CaseApi.TAG)
public class CaseController {

    private final CommandGateway commands;
    private final EventStore events;
    private final PersonalDataVault vault;
    private final Caseloads caseloads;
    private final AuditTrail audit;
    private final Clock clock;
    private final Persons persons;
    private final CaseResource cases;

    public CaseController(CommandGateway commands, EventStore events, PersonalDataVault vault, Caseloads caseloads,
                          AuditTrail audit, Clock clock, Persons persons, CaseResource cases) {
        this.persons = persons;
        this.cases = cases;
        this.commands = commands;
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

    /** One case of a caseload. */
    public record CaseloadEntry(String caseId, String personId, String status) {
    }

    /** The calling advocate's caseload. */
    @GetMapping
    public List<CaseloadEntry> caseload(Authentication authentication) {
        return caseloads.caseload(Caller.of(authentication)).stream()
                .map(e -> new CaseloadEntry(e.caseId(), e.personId(), e.status().name())).toList();
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
