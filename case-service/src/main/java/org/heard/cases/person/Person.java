package org.heard.cases.person;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.axonframework.messaging.annotation.MessageIdentifier;
import org.heard.contracts.cases.ConsentGiven;
import org.heard.contracts.cases.ConsentScope;
import org.heard.contracts.cases.ConsentWithdrawn;
import org.heard.contracts.persons.AccessGranted;
import org.heard.contracts.persons.EqualityDetailsCorrected;
import org.heard.contracts.persons.PersonErased;
import org.heard.contracts.persons.PersonRegistered;
import org.heard.kit.privacy.PersonalDataVault;
import org.heard.kit.domain.Dates;
import org.heard.kit.web.RuleViolation;

/**
 * A person known to Heard. Registration records their sealed details and equality categories; corrections name the
 * event they correct; consent is given and withdrawn per scope; erasure destroys their data key in the same
 * transaction as the {@code PersonErased} event (see {@code PersonalDataVault}); exceptional looks at the record are
 * granted on it, so they are part of the person's own history.
 */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLockFactory")
public class Person {

    @AggregateIdentifier
    private String personId;
    private boolean erased;
    private final Set<ConsentScope> consents = EnumSet.noneOf(ConsentScope.class);
    /** Ids of the events that set the equality details: a correction must name one of them. */
    private final Set<String> equalityEvents = new HashSet<>();

    protected Person() {
        // for Axon
    }

    @CommandHandler
    public Person(RegisterPerson command, PersonDirectory directory) {
        if (command.nhsLookup() != null) {
            directory.add(command.nhsLookup(), command.personId());
        }
        apply(new PersonRegistered(command.personId(), command.name(), command.nhsNumber(), command.dateOfBirth(),
                command.contact(), command.equality()));
    }

    @CommandHandler
    public void handle(CorrectEqualityDetails command) {
        requireNotErased();
        if (!equalityEvents.contains(command.correctsEventId())) {
            throw new RuleViolation("unknown-correction-target",
                    "a correction must name this person's registration or an earlier correction");
        }
        apply(new EqualityDetailsCorrected(personId, command.correctsEventId(), command.details()));
    }

    /** Consent is recorded for anyone Heard has a pseudonymous id for, registered or not. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(GiveConsent command, Clock clock) {
        requireNotErased();
        Dates.notInFuture("givenOn", command.givenOn(), clock);
        if (!consents.contains(command.scope())) {
            apply(new ConsentGiven(command.personId(), command.scope(), command.givenOn()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(WithdrawConsent command, Clock clock) {
        requireNotErased();
        Dates.notInFuture("withdrawnOn", command.withdrawnOn(), clock);
        if (!consents.contains(command.scope())) {
            throw new RuleViolation("consent-not-given", "there is no " + command.scope() + " consent to withdraw");
        }
        apply(new ConsentWithdrawn(command.personId(), command.scope(), command.withdrawnOn()));
    }

    private void requireNotErased() {
        if (erased) {
            throw new RuleViolation("person-erased", "the person has been erased; nothing new is recorded about them");
        }
    }


    /** An exceptional look is granted only at a registered person who is not erased (the endpoint checks first). */
    @CommandHandler
    public void handle(RequestAccess command) {
        requireNotErased();
        apply(new AccessGranted(command.grantId(), personId, command.advocateId(), command.providerId(),
                command.reason(), command.justification(), command.expiresAt()));
    }

    /** Erasure applies to anyone Heard has a pseudonymous id for, registered or not. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ErasePerson command, PersonalDataVault vault, PersonDirectory directory) {
        if (erased) {
            throw new RuleViolation("person-already-erased", "the person is already erased");
        }
        vault.destroy(command.personId());
        directory.remove(command.personId());
        apply(new PersonErased(command.personId(), command.reason(), command.erasedOn()));
    }

    @EventSourcingHandler
    void on(PersonRegistered event, @MessageIdentifier String eventId) {
        this.personId = event.personId();
        equalityEvents.add(eventId);
    }

    @EventSourcingHandler
    void on(EqualityDetailsCorrected event, @MessageIdentifier String eventId) {
        equalityEvents.add(eventId);
    }

    @EventSourcingHandler
    void on(ConsentGiven event) {
        this.personId = event.personId();
        consents.add(event.scope());
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event) {
        consents.remove(event.scope());
    }

    @EventSourcingHandler
    void on(PersonErased event) {
        this.personId = event.personId();
        this.erased = true;
    }
}
