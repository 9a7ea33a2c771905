package org.heard.reporting.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.CaseReopened;
import org.heard.contracts.cases.FirstContactMade;
import org.heard.contracts.cases.LegalStatusRecorded;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.involvement.ForumScheduled;
import org.heard.contracts.involvement.InvolvementCorrected;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.contracts.outcomes.GoalAchieved;
import org.heard.contracts.outcomes.GoalDropped;
import org.heard.contracts.outcomes.GoalRated;
import org.heard.contracts.outcomes.GoalSet;
import org.heard.reporting.projection.ProjectedEvent;

/**
 * What the person view draws on one time axis beside the person's readings, a pure function of their timeline's
 * events: their goals (Goal Attainment Scaling −2…+2 or Goal Based Outcomes 0…10) with every rating, and the events
 * that matter — referrals, first contact, forums held (with how they took part and whether their views were taken into
 * account), forums coming up, legal status changes, closures and reopenings. Codes and dates only: no goal or issue
 * in the person's words (those are sealed and are read in case-service, by their advocate or by them).
 */
public record PersonProgress(List<Goal> goals, List<Milestone> milestones) {

    /**
     * A personal goal and its ratings in date order.
     *
     * @param scale GOAL_ATTAINMENT_SCALING or GOAL_BASED_OUTCOMES
     */
    public record Goal(String goalId, String caseId, String domain, String scale, LocalDate setOn,
                       List<Rating> ratings, LocalDate achievedOn, LocalDate droppedOn) {
    }

    /** One rating of a goal, by the service user or the advocate. */
    public record Rating(LocalDate on, int rating, String ratedBy) {
    }

    /**
     * An event that matters, on the time axis.
     *
     * @param kind   REFERRAL, FIRST_CONTACT, FORUM, FORUM_SCHEDULED, LEGAL_STATUS, CLOSURE, REOPENING
     * @param detail codes only: the advocacy type, forum, participation and views taken, legal status code, closure
     *               reason
     */
    public record Milestone(LocalDate on, String kind, String caseId, String detail) {
    }

    private static final class GoalBuilder {
        String caseId;
        String domain;
        String scale;
        LocalDate setOn;
        final List<Rating> ratings = new ArrayList<>();
        LocalDate achievedOn;
        LocalDate droppedOn;
    }

    /** The goals and milestones of a person's events (each event once, in any order). */
    public static PersonProgress of(List<ProjectedEvent> events) {
        List<ProjectedEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(ProjectedEvent::order));
        Map<String, GoalBuilder> goals = new LinkedHashMap<>();
        Map<String, Milestone> involvements = new LinkedHashMap<>();
        List<Milestone> milestones = new ArrayList<>();
        for (ProjectedEvent projected : ordered) {
            Object event = projected.event();
            if (event instanceof GoalSet e) {
                GoalBuilder goal = goals.computeIfAbsent(e.goalId(), id -> new GoalBuilder());
                goal.caseId = e.caseId();
                goal.domain = e.domain() == null ? null : e.domain().name();
                goal.scale = e.scale() == null ? null : e.scale().name();
                goal.setOn = e.setOn();
            } else if (event instanceof GoalRated e) {
                goals.computeIfAbsent(e.goalId(), id -> new GoalBuilder()).ratings.add(new Rating(e.ratedOn(),
                        e.rating(), e.ratedBy() == null ? null : e.ratedBy().name()));
            } else if (event instanceof GoalAchieved e) {
                goals.computeIfAbsent(e.goalId(), id -> new GoalBuilder()).achievedOn = e.achievedOn();
            } else if (event instanceof GoalDropped e) {
                goals.computeIfAbsent(e.goalId(), id -> new GoalBuilder()).droppedOn = e.droppedOn();
            } else if (event instanceof ReferralReceived e) {
                milestones.add(new Milestone(e.referredOn(), "REFERRAL", e.caseId(), e.advocacyType().name()));
            } else if (event instanceof FirstContactMade e) {
                milestones.add(new Milestone(e.contactOn(), "FIRST_CONTACT", e.caseId(),
                        e.mode() == null ? null : e.mode().name()));
            } else if (event instanceof InvolvementRecorded e) {
                involvements.put(e.involvementId(), new Milestone(e.heldOn(), "FORUM", e.caseId(),
                        e.forum().name() + " " + e.participation().name() + " views " + e.viewsTakenIntoAccount()));
            } else if (event instanceof InvolvementCorrected e) {
                // a correction replaces what it corrects (it sorts after it)
                involvements.put(e.involvementId(), new Milestone(e.heldOn(), "FORUM", e.caseId(),
                        e.forum().name() + " " + e.participation().name() + " views " + e.viewsTakenIntoAccount()));
            } else if (event instanceof ForumScheduled e) {
                milestones.add(new Milestone(e.scheduledFor(), "FORUM_SCHEDULED", e.caseId(), e.forum().name()));
            } else if (event instanceof LegalStatusRecorded e) {
                milestones.add(new Milestone(e.startedOn(), "LEGAL_STATUS", e.caseId(), e.legalStatusCode()));
            } else if (event instanceof CaseClosed e) {
                milestones.add(new Milestone(e.closedOn(), "CLOSURE", e.caseId(),
                        e.reason() == null ? null : e.reason().name()));
            } else if (event instanceof CaseReopened e) {
                milestones.add(new Milestone(e.reopenedOn(), "REOPENING", e.caseId(), null));
            }
        }
        milestones.addAll(involvements.values());
        milestones.sort(Comparator.comparing(Milestone::on, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Milestone::kind));
        List<Goal> result = new ArrayList<>();
        goals.forEach((id, g) -> {
            List<Rating> ratings = new ArrayList<>(g.ratings);
            ratings.sort(Comparator.comparing(Rating::on));
            result.add(new Goal(id, g.caseId, g.domain, g.scale, g.setOn, ratings, g.achievedOn, g.droppedOn));
        });
        return new PersonProgress(result, milestones);
    }
}
