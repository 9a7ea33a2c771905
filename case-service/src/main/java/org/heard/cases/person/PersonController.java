package org.heard.cases.person;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.heard.cases.access.Caseloads;
import org.heard.contracts.SealedValue;
import java.util.List;

import org.heard.contracts.cases.ConsentScope;
import org.heard.contracts.persons.AccessReason;
import org.heard.contracts.persons.Disability;
import org.heard.contracts.persons.EqualityDetails;
import org.heard.contracts.persons.ErasureReason;
import org.heard.contracts.persons.Gender;
import org.heard.contracts.persons.PersonErased;
import org.heard.contracts.persons.PersonRegistered;
import org.heard.kit.privacy.NhsNumber;
import org.heard.kit.privacy.PersonalDataVault;
import org.heard.kit.privacy.PrivacyConfiguration.LookupPseudonyms;
import org.heard.kit.security.AuditTrail;
import org.heard.kit.security.Caller;
import org.heard.kit.web.InvalidInput;
import org.heard.kit.web.RateLimits;
import org.heard.kit.web.UnknownResource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import org.heard.kit.domain.NotInFuture;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** People: registration with sealed details, lookup by NHS number, the advocate's view, and erasure. */
@RestController
@RequestMapping("/api/persons")
@Validated
public class PersonController {

    private final CommandGateway commands;
    private final EventStore events;
    private final PersonalDataVault vault;
    private final LookupPseudonyms lookups;
    private final PersonDirectory directory;
    private final Caseloads caseloads;
    private final AuditTrail audit;
    private final Clock clock;
    private final Persons persons;
    private final org.heard.kit.access.CaseAccess access;
    private final RateLimits rateLimits;

    public PersonController(CommandGateway commands, EventStore events, PersonalDataVault vault,
                            LookupPseudonyms lookups, PersonDirectory directory, Caseloads caseloads, AuditTrail audit,
                            Clock clock, Persons persons, org.heard.kit.access.CaseAccess access,
                            RateLimits rateLimits) {
        this.persons = persons;
        this.access = access;
        this.rateLimits = rateLimits;
        this.commands = commands;
        this.events = events;
        this.vault = vault;
        this.lookups = lookups;
        this.directory = directory;
        this.caseloads = caseloads;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A person's details. They are sealed with the person's own key before anything stores them.
     *
     * @param name        how the person wants to be named
     * @param nhsNumber   ten digits with a valid Modulus 11 check digit, optional
     * @param dateOfBirth in the past, optional
     * @param contact     how to reach them, optional
     * @param equality    equality-monitoring categories, optional (the age band is derived from the date of birth)
     */
    public record PersonRequest(
            @NotBlank @Size(max = 200) String name,
            String nhsNumber,
            @Past LocalDate dateOfBirth,
            @Size(max = 500) String contact,
            @Valid EqualityRequest equality) {

        @AssertTrue(message = "must be a valid NHS number (10 digits, Modulus 11)")
        public boolean isNhsNumber() {
            return nhsNumber == null || NhsNumber.isValid(nhsNumber);
        }
    }

    /**
     * Equality-monitoring categories, in clear for cohort reporting.
     *
     * @param ethnicCategory    NHS Data Dictionary ethnic category code (A–S, Z not stated, 99 not known)
     * @param gender            as the person describes it
     * @param preferredLanguage ISO 639-1 code, e.g. en, pa, so
     * @param interpreterNeeded including British Sign Language
     * @param disabilities      DEAF, LEARNING_DISABILITY, AUTISM as they apply
     */
    public record EqualityRequest(
            @Pattern(regexp = "[A-HJ-NPRSZ]|99", message = "must be an NHS Data Dictionary ethnic category code")
            String ethnicCategory,
            Gender gender,
            @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 language code") String preferredLanguage,
            Boolean interpreterNeeded,
            List<@NotNull Disability> disabilities) {

        EqualityDetails details(String ageBand) {
            return new EqualityDetails(ethnicCategory, ageBand, gender, preferredLanguage, interpreterNeeded,
                    disabilities == null ? List.of() : disabilities.stream().distinct().toList());
        }
    }

    /** Correcting equality details: the event whose details are replaced, and the complete corrected details. */
    public record EqualityCorrectionRequest(@NotBlank String correctsEventId, @NotNull @Valid EqualityRequest details,
                                            @Pattern(regexp = "[0-9]{1,2}(-[0-9]{1,2}|\\+)") String ageBand) {
    }

    /** Consent given for a scope, on a date. */
    public record ConsentRequest(@NotNull ConsentScope scope, @NotNull @NotInFuture LocalDate givenOn) {
    }

    /** Consent withdrawn, on a date. */
    public record WithdrawalRequest(@NotNull @NotInFuture LocalDate withdrawnOn) {
    }

    /** A person's pseudonymous id. */
    public record PersonId(String personId) {
    }

    /** Erasing a person: why. */
    public record ErasureRequest(@NotNull ErasureReason reason) {
    }

    /** What an authorised reader sees of a person; the details are null and {@code erased} true after erasure. */
    public record PersonView(String personId, boolean erased, String name, String nhsNumber, String dateOfBirth,
                             String contact) {
    }

    /**
     * Registers a person: 201 with their new pseudonymous id; 409 when the NHS number is already registered; 429 once
     * a caller has had too many such conflicts (a way to test whether a number is registered).
     */
    @PostMapping
    public ResponseEntity<PersonId> register(@Valid @RequestBody PersonRequest request,
                                             Authentication authentication) {
        String personId = UUID.randomUUID().toString();
        String nhs = request.nhsNumber() == null ? null : NhsNumber.normalise(request.nhsNumber());
        Caller caller = Caller.of(authentication);
        if (nhs != null) {
            rateLimits.check(RateLimits.Limit.REGISTRATION_CONFLICT, caller);
        }
        try {
            register(personId, nhs, request);
        } catch (org.heard.kit.web.RuleViolation conflict) {
            if (nhs != null && "nhs-number-registered".equals(conflict.rule())) {
                rateLimits.charge(RateLimits.Limit.REGISTRATION_CONFLICT, caller);
            }
            throw conflict;
        }
        return ResponseEntity.created(URI.create("/api/persons/" + personId)).body(new PersonId(personId));
    }

    private void register(String personId, String nhs, PersonRequest request) {
        commands.sendAndWait(new RegisterPerson(personId,
                vault.seal(personId, "name", request.name()),
                vault.seal(personId, "nhsNumber", nhs),
                vault.seal(personId, "dateOfBirth", request.dateOfBirth() == null ? null : request.dateOfBirth().toString()),
                vault.seal(personId, "contact", request.contact()),
                nhs == null ? null : lookups.ofNhsNumber(nhs),
                request.equality() == null ? null
                        : request.equality().details(AgeBand.of(request.dateOfBirth(), LocalDate.now(clock)))));
    }

    /**
     * Finds a person by NHS number (for trust feeds and advocates): only their pseudonymous id. Every look-up is
     * audited (who, and the person found or none; never the number) before it is answered, and rate-limited per
     * caller (429 with Retry-After).
     */
    @GetMapping
    public PersonId findByNhsNumber(@RequestParam String nhsNumber, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        rateLimits.take(RateLimits.Limit.NHS_NUMBER_LOOKUP, caller);
        if (!NhsNumber.isValid(nhsNumber)) {
            throw new InvalidInput("nhsNumber", "must be a valid NHS number (10 digits, Modulus 11)");
        }
        java.util.Optional<String> found = directory.findByLookup(lookups.ofNhsNumber(nhsNumber));
        audit.operation(caller, "NHS_NUMBER_LOOKUP",
                found.map(id -> "person/" + id).orElse("person/none"), found.isPresent() ? "found" : "not-found");
        return found.map(PersonId::new).orElseThrow(() -> new UnknownResource("No person with that NHS number"));
    }

    /** A person's details, unsealed, for their advocate or themselves; the read is audited. */
    @GetMapping("/{personId}")
    public PersonView view(@PathVariable UUID personId, Authentication authentication) {
        String id = personId.toString();
        Caller caller = Caller.of(authentication);
        Caseloads.ReadPermit permit = caseloads.readPerson(caller, id);
        PersonRegistered registered = null;
        boolean erased = false;
        for (Object payload : events.readEvents(id).asStream().map(m -> m.getPayload()).toList()) {
            if (payload instanceof PersonRegistered r) {
                registered = r;
            } else if (payload instanceof PersonErased) {
                erased = true;
            }
        }
        if (registered == null && !erased) {
            throw new UnknownResource("No registered person has that personId");
        }
        audit.personalDataRead(caller, "person/" + id, permit.purpose());
        if (erased || registered == null) {
            return new PersonView(id, true, null, null, null, null);
        }
        return new PersonView(id, vault.isErased(id), open(id, "name", registered.name()),
                open(id, "nhsNumber", registered.nhsNumber()), open(id, "dateOfBirth", registered.dateOfBirth()),
                open(id, "contact", registered.contact()));
    }

    /**
     * Erases a person (themselves, or their advocate when no other provider has a case of theirs): their data key is
     * destroyed; 409 if already erased.
     */
    @PostMapping("/{personId}/erasure")
    public ResponseEntity<PersonId> erase(@PathVariable UUID personId, @Valid @RequestBody ErasureRequest request,
                                          Authentication authentication) {
        String id = personId.toString();
        caseloads.checkErasure(Caller.of(authentication), id);
        commands.sendAndWait(new ErasePerson(id, request.reason(), LocalDate.now(clock)));
        return ResponseEntity.ok(new PersonId(id));
    }

    /** Records consent given for a scope (the person's advocate or the person): 204. */
    @PostMapping("/{personId}/consents")
    public ResponseEntity<Void> giveConsent(@PathVariable UUID personId, @Valid @RequestBody ConsentRequest request,
                                            Authentication authentication) {
        caseloads.checkPerson(Caller.of(authentication), personId.toString());
        commands.sendAndWait(new GiveConsent(personId.toString(), request.scope(), request.givenOn()));
        return ResponseEntity.noContent().build();
    }

    /** Records consent withdrawn for a scope: 204; 409 when it was not given. */
    @PostMapping("/{personId}/consents/{scope}/withdrawal")
    public ResponseEntity<Void> withdrawConsent(@PathVariable UUID personId, @PathVariable ConsentScope scope,
                                                @Valid @RequestBody WithdrawalRequest request,
                                                Authentication authentication) {
        caseloads.checkPerson(Caller.of(authentication), personId.toString());
        commands.sendAndWait(new WithdrawConsent(personId.toString(), scope, request.withdrawnOn()));
        return ResponseEntity.noContent().build();
    }

    /** Corrects equality details, naming the event corrected: 204; 409 when it names no such event. */
    @PostMapping("/{personId}/equality-corrections")
    public ResponseEntity<Void> correctEquality(@PathVariable UUID personId,
                                                @Valid @RequestBody EqualityCorrectionRequest request,
                                                Authentication authentication) {
        caseloads.checkPerson(Caller.of(authentication), personId.toString());
        commands.sendAndWait(new CorrectEqualityDetails(personId.toString(), request.correctsEventId(),
                request.details().details(request.ageBand())));
        return ResponseEntity.noContent().build();
    }

    /**
     * Asking for an exceptional look at a person's record outside one's caseload.
     *
     * @param reason        why (safeguarding, continuity of care, the person asked, a legal duty)
     * @param justification the advocate's account of why, sealed under the person's key before it is stored
     */
    public record AccessRequest(@NotNull AccessReason reason, @NotBlank @Size(max = 1000) String justification) {
    }

    /** A granted look: its id and when it ends (UTC). */
    public record AccessGrant(String grantId, java.time.Instant expiresAt) {
    }

    /**
     * An explicit, reasoned request for an exceptional look at a person's record outside the caller's caseload: 201
     * with a grant to read (never to change) the person's details and every case of theirs, at any provider, until it
     * expires ({@code heard.access.grant-lifetime}). The request is audited before it is granted, every read under it
     * is audited naming the grant, and the grant is published ({@code AccessGranted}), so it is on the person's own
     * timeline for them and their advocates to see. 404 for a person never registered; 409 {@code person-erased}.
     */
    @PostMapping("/{personId}/access-requests")
    public ResponseEntity<AccessGrant> requestAccess(@PathVariable UUID personId,
                                                     @Valid @RequestBody AccessRequest request,
                                                     Authentication authentication) {
        Caller caller = Caller.of(authentication);
        String id = personId.toString();
        if (caller.providerId() == null) {
            throw new org.springframework.security.access.AccessDeniedException("the token names no provider");
        }
        if (persons.of(id) == Persons.Standing.UNKNOWN) {
            throw new UnknownResource("No registered person has that personId");
        }
        persons.requireNotErased(id);
        String grantId = UUID.randomUUID().toString();
        java.time.Instant expiresAt = clock.instant().plus(access.properties().grantLifetime())
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        audit.operation(caller, "ACCESS_GRANTED", "person/" + id, request.reason() + " grant/" + grantId
                + " until " + expiresAt);
        commands.sendAndWait(new RequestAccess(id, grantId, caller.subject(), caller.providerId(), request.reason(),
                vault.seal(id, "access:" + grantId, request.justification()), expiresAt));
        return ResponseEntity.created(URI.create("/api/persons/" + id + "/access-requests/" + grantId))
                .body(new AccessGrant(grantId, expiresAt));
    }

    private String open(String personId, String field, SealedValue sealed) {
        return vault.unseal(personId, field, sealed).orElse(null);
    }
}
