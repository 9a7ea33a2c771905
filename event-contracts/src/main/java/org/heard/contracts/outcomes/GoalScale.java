package org.heard.contracts.outcomes;

/** The scale a personal goal is rated on: Goal Attainment Scaling (-2..+2) or Goal Based Outcomes (0..10). */
public enum GoalScale {
    GOAL_ATTAINMENT_SCALING,
    GOAL_BASED_OUTCOMES
}
