package org.heard.cases.referral.receive;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.cases.access.Caseloads;
import org.heard.cases.person.Persons;
import org.heard.cases.referral.CaseApi;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.cases.Setting;
import org.heard.kit.domain.NotInFuture;
import org.heard.kit.privacy.PersonalDataVault;
import org.heard.kit.security.AuditTrail;
import org.heard.kit.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Receiving a referral to advocacy. Access: a caller whose token names a provider (the case belongs to it); the person
 * registered first. A referral of a person who has cases at another provider is allowed (people move between
 * providers), opens this case only, and is audited.
 */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class ReceiveReferralEndpoint {

    private final CommandGateway commands;
    private final PersonalDataVault vault;
    private final Caseloads caseloads;
    private final AuditTrail audit;
    private final Persons persons;

    public ReceiveReferralEndpoint(CommandGateway commands, PersonalDataVault vault, Caseloads caseloads,
                                   AuditTrail audit, Persons persons) {
        this.commands = commands;
        this.vault = vault;
        this.caseloads = caseloads;
        this.audit = audit;
        this.persons = persons;
    }

    /**
     * A referral to advocacy.
     *
     * @param personId       the pseudonymous id of a registered person ({@code POST /api/persons} first): an id that
     *                       was never registered is 422, an erased person's 409 {@code person-erased}
     * @param advocacyType   the kind of advocacy asked for
     * @param referralSource who referred
     * @param referredOn     the date of the referral, not in the future
     * @param reason         why advocacy is wanted, in the person's own words (optional; sealed before it is stored)
     * @param setting        where the person is
     * @param instructed     instructed (true) or non-instructed (false) advocacy
     * @param referringOrganisation the referring organisation's name or ODS code
     */
    public record ReferralRequest(
            @NotNull UUID personId,
            @NotNull AdvocacyType advocacyType,
            @NotNull ReferralSource referralSource,
            @NotNull @NotInFuture LocalDate referredOn,
            @Size(max = 4000) String reason,
            Setting setting,
            Boolean instructed,
            @Size(max = 200) String referringOrganisation) {
    }

    /** The case opened for a referral. */
    public record CaseCreated(String caseId, String personId) {
    }

    /**
     * Receives a referral for a registered person and opens a case: 201 with the case id and the person's id; 422
     * naming {@code personId} when that id was never registered; 409 {@code person-erased} for an erased person.
     */
    @PostMapping
    public ResponseEntity<CaseCreated> receiveReferral(@Valid @RequestBody ReferralRequest request,
                                                       Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (caller.providerId() == null) {
            throw new AccessDeniedException("the token names no provider to receive the referral");
        }
        String caseId = UUID.randomUUID().toString();
        String personId = request.personId().toString();
        persons.requireRegistered("personId", personId); // before anything is sealed (a data key made) for the id
        if (caseloads.heldElsewhere(caller, personId)) {
            // allowed (people move between providers), and it opens this case only; but it leaves a trace
            audit.operation(caller, "REFERRAL_OF_PERSON_HELD_ELSEWHERE", "person/" + personId, "case/" + caseId);
        }
        commands.sendAndWait(new ReceiveReferral(caseId, personId, request.advocacyType(), request.referralSource(),
                request.referredOn(), vault.seal(personId, "referralReason", request.reason()), request.setting(),
                request.instructed(), request.referringOrganisation(), caller.providerId()));
        return ResponseEntity.created(URI.create("/api/cases/" + caseId)).body(new CaseCreated(caseId, personId));
    }
}
