package org.heard.contracts.outcomes;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/** A goal was dropped. */
public record GoalDropped(String goalId, String personId, LocalDate droppedOn) implements HeardEvent {

}
