package org.heard.cases.person;

import org.heard.contracts.persons.EqualityDetails;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Correct a person's equality details, naming the event whose details are replaced. */
public record CorrectEqualityDetails(@TargetAggregateIdentifier String personId, String correctsEventId, EqualityDetails details) {
}
