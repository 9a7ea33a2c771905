package org.heard.contracts.outcomes;

import java.time.LocalDate;

import org.heard.contracts.HeardEvent;

/** Progress on a goal was rated, by whom, on the goal's scale. */
public record GoalRated(String goalId, String personId, int rating, Perspective ratedBy, LocalDate ratedOn) implements HeardEvent {

}
