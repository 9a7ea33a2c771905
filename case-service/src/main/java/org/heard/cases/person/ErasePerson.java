package org.heard.cases.person;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.heard.contracts.persons.ErasureReason;

/** Erase a person's personal data by destroying their data key. */
public record ErasePerson(@TargetAggregateIdentifier String personId, ErasureReason reason, LocalDate erasedOn) {
}
