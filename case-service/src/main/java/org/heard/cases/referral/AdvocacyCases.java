package org.heard.cases.referral;

import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.axonframework.modelling.command.Repository;
import org.heard.cases.person.Persons;

/**
 * The advocacy cases, for the handlers of the sliced use cases: each loads the case it is about and calls the one
 * method of {@link AdvocacyCase} where its rule lives, inside the command's unit of work. What every command on a case
 * shares is applied here first: nothing new about an erased person.
 */
public final class AdvocacyCases {

    private final Supplier<Repository<AdvocacyCase>> repository;
    private final Persons persons;

    /** @param repository the aggregate's repository (Axon's, or a test fixture's), looked up at the first command */
    public AdvocacyCases(Supplier<Repository<AdvocacyCase>> repository, Persons persons) {
        this.repository = repository;
        this.persons = persons;
    }

    /** Opens the case for a referral; the case's opening holds the rules (a registered person, not erased). */
    public void open(AdvocacyCase.Referral referral, Clock clock) {
        try {
            repository.get().newInstance(() -> new AdvocacyCase(referral, clock, persons));
        } catch (RuntimeException refused) {
            throw refused;
        } catch (Exception e) {
            throw new IllegalStateException("the case could not be opened", e);
        }
    }

    /** Runs the change on the case with this id, once the case is known not to be an erased person's. */
    public void change(String caseId, Consumer<AdvocacyCase> change) {
        repository.get().load(caseId).execute(advocacyCase -> {
            advocacyCase.requireNotErased(persons);
            change.accept(advocacyCase);
        });
    }
}
