package org.heard.contracts.outcomes;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/** A goal was achieved. */
public record GoalAchieved(String goalId, String personId, LocalDate achievedOn) implements HeardEvent {

}
