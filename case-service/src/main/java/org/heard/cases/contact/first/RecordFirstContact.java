package org.heard.cases.contact.first;

import java.time.LocalDate;

import org.heard.contracts.cases.ContactMode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the advocate's first contact with the person in this opening of the case. */
public record RecordFirstContact(@TargetAggregateIdentifier String caseId, LocalDate contactOn, ContactMode mode) {
}
