package org.heard.cases.referral;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.heard.cases.access.Caseloads;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.kit.privacy.PersonalDataVault;
import org.heard.kit.security.AuditTrail;
import org.heard.kit.security.Caller;
import org.heard.kit.web.UnknownResource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/** Referrals, caseloads, assignment and closure of advocacy cases. */
@RestController
@RequestMapping("/api/cases")
@Validated
public class CaseController {

    private final CommandGateway commands;
    private final EventStore events;
    private final PersonalDataVault vault;
    private final Caseloads caseloads;
    private final AuditTrail audit;

    public CaseController(CommandGateway commands, EventStore events, PersonalDataVault vault, Caseloads caseloads,
                          AuditTrail audit) {
        this.commands = commands;
        this.events = events;
        this.vault = vault;
        this.caseloads = caseloads;
        this.audit = audit;
    }

    /**
     * A referral to advocacy.
     *
     * @param personId       the person's pseudonymous id; leave it out for a person new to Heard and one is made
     * @param advocacyType   the kind of advocacy asked for
     * @param referralSource who referred
     * @param referredOn     the date of the referral, not in the future
     * @param reason         why advocacy is wanted, in the person's own words (optional; sealed before it is stored)
     */
    public record ReferralRequest(
            UUID personId,
            @NotNull AdvocacyType advocacyType,
            @NotNull ReferralSource referralSource,
            @NotNull @PastOrPresent LocalDate referredOn,
            @Size(max = 4000) String reason) {
    }

    /** The case opened for a referral. */
    public record CaseCreated(String caseId, String personId) {
    }

    /** Closing a case: why and when. */
    public record CloseRequest(@NotNull ClosureReason reason, @NotNull @PastOrPresent LocalDate closedOn) {
    }

    /** Assigning a case to an advocate, by their staff identifier. */
    public record AssignmentRequest(@NotBlank @Size(max = 200) String advocateId) {
    }

    /** A case as its advocate or its person sees it; {@code reason} is null once the person is erased. */
    public record CaseView(String caseId, String personId, AdvocacyType advocacyType, ReferralSource referralSource,
                           LocalDate referredOn, String reason, String advocateId, boolean closed,
                           ClosureReason closureReason, LocalDate closedOn) {
    }

    /** One case of a caseload. */
    public record CaseloadEntry(String caseId, String personId, String status) {
    }

    /** Receives a referral and opens a case: 201 with the case id and the person's pseudonymous id. */
    @PostMapping
    public ResponseEntity<CaseCreated> receiveReferral(@Valid @RequestBody ReferralRequest request) {
        String caseId = UUID.randomUUID().toString();
        String personId = (request.personId() == null ? UUID.randomUUID() : request.personId()).toString();
        commands.sendAndWait(new ReceiveReferral(caseId, personId, request.advocacyType(), request.referralSource(),
                request.referredOn(), vault.seal(personId, "referralReason", request.reason())));
        return ResponseEntity.created(URI.create("/api/cases/" + caseId)).body(new CaseCreated(caseId, personId));
    }

    /** The calling advocate's caseload. */
    @GetMapping
    public List<CaseloadEntry> caseload(Authentication authentication) {
        return caseloads.caseload(Caller.of(authentication).subject()).stream()
                .map(e -> new CaseloadEntry(e.caseId(), e.personId(), e.status())).toList();
    }

    /** A case, for its advocate or its person; the person's words are unsealed and the read audited. */
    @GetMapping("/{caseId}")
    public CaseView view(@PathVariable UUID caseId, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Caseloads.CaseEntry entry = caseloads.find(caseId.toString())
                .orElseThrow(() -> new UnknownResource("No case " + caseId));
        caseloads.checkCase(caller, entry);
        CaseView view = null;
        for (Object payload : events.readEvents(caseId.toString()).asStream().map(m -> m.getPayload()).toList()) {
            if (payload instanceof ReferralReceived r) {
                view = new CaseView(r.caseId(), r.personId(), r.advocacyType(), r.referralSource(), r.referredOn(),
                        vault.unseal(r.personId(), "referralReason", r.reason()).orElse(null), null, false, null, null);
            } else if (payload instanceof AdvocateAssigned a && view != null) {
                view = new CaseView(view.caseId(), view.personId(), view.advocacyType(), view.referralSource(),
                        view.referredOn(), view.reason(), a.advocateId(), view.closed(), null, null);
            } else if (payload instanceof CaseClosed c && view != null) {
                view = new CaseView(view.caseId(), view.personId(), view.advocacyType(), view.referralSource(),
                        view.referredOn(), view.reason(), view.advocateId(), true, c.reason(), c.closedOn());
            }
        }
        if (view == null) {
            throw new UnknownResource("No case " + caseId);
        }
        audit.personalDataRead(caller, "case/" + caseId, caller.isPerson(view.personId()) ? "own-record" : "casework");
        return view;
    }

    /**
     * Puts the case on an advocate's caseload: 204. An advocate may take an unassigned case, and the case's advocate
     * may hand it over; nobody else may move it.
     */
    @PostMapping("/{caseId}/advocate")
    public ResponseEntity<Void> assign(@PathVariable UUID caseId, @Valid @RequestBody AssignmentRequest request,
                                       Authentication authentication) {
        Caseloads.CaseEntry entry = caseloads.find(caseId.toString())
                .orElseThrow(() -> new UnknownResource("No case " + caseId));
        if (entry.advocateId() != null) {
            caseloads.checkCase(Caller.of(authentication), entry);
        }
        commands.sendAndWait(new AssignAdvocate(caseId.toString(), request.advocateId()));
        return ResponseEntity.noContent().build();
    }

    /** Closes a case on the caller's caseload: 204; 404 for an unknown case; 409 when it breaks a rule. */
    @PostMapping("/{caseId}/close")
    public ResponseEntity<Void> close(@PathVariable UUID caseId, @Valid @RequestBody CloseRequest request,
                                      Authentication authentication) {
        Caseloads.CaseEntry entry = caseloads.find(caseId.toString())
                .orElseThrow(() -> new UnknownResource("No case " + caseId));
        caseloads.checkCase(Caller.of(authentication), entry);
        commands.sendAndWait(new CloseCase(caseId.toString(), request.reason(), request.closedOn()));
        return ResponseEntity.noContent().build();
    }
}
