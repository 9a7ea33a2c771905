package org.heard.cases.person;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.heard.contracts.persons.PersonErased;
import org.heard.contracts.persons.PersonRegistered;
import org.heard.kit.privacy.PersonalDataVault;
import org.heard.kit.web.RuleViolation;

/**
 * A person known to Heard. Registration records their sealed details; erasure destroys their data key in the same
 * transaction as the {@code PersonErased} event, so either both happen or neither.
 */
@Aggregate
public class Person {

    @AggregateIdentifier
    private String personId;
    private boolean erased;

    protected Person() {
        // for Axon
    }

    @CommandHandler
    public Person(RegisterPerson command, PersonDirectory directory) {
        if (command.nhsLookup() != null) {
            directory.add(command.nhsLookup(), command.personId());
        }
        apply(new PersonRegistered(command.personId(), command.name(), command.nhsNumber(), command.dateOfBirth(),
                command.contact()));
    }

    /** Erasure applies to anyone Heard has a pseudonymous id for, registered or not. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ErasePerson command, PersonalDataVault vault, PersonDirectory directory) {
        if (erased) {
            throw new RuleViolation("person-already-erased", "person " + command.personId() + " is already erased");
        }
        vault.destroy(command.personId());
        directory.remove(command.personId());
        apply(new PersonErased(command.personId(), command.reason(), command.erasedOn()));
    }

    @EventSourcingHandler
    void on(PersonRegistered event) {
        this.personId = event.personId();
    }

    @EventSourcingHandler
    void on(PersonErased event) {
        this.personId = event.personId();
        this.erased = true;
    }
}
