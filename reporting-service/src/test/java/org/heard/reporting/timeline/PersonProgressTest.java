package org.heard.reporting.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.LegalStatusRecorded;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.involvement.Forum;
import org.heard.contracts.involvement.InvolvementCorrected;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.contracts.involvement.Participation;
import org.heard.contracts.involvement.ViewsTaken;
import org.heard.contracts.outcomes.GoalAchieved;
import org.heard.contracts.outcomes.GoalRated;
import org.heard.contracts.outcomes.GoalScale;
import org.heard.contracts.outcomes.GoalSet;
import org.heard.contracts.outcomes.OutcomeDomain;
import org.heard.contracts.outcomes.Perspective;
import org.heard.reporting.projection.ProjectedEvent;
import org.heard.reporting.projection.TestEvents;
import org.junit.jupiter.api.Test;

/** The goals and milestones of the person view, from their events in any order. */
class PersonProgressTest {

    private static final String P = "p";

    private static List<ProjectedEvent> events() {
        return List.of(
                TestEvents.event(new ReferralReceived("c", P, AdvocacyType.IMHA, ReferralSource.SELF,
                        LocalDate.parse("2026-01-05"), null, null, null, null), "c", 0, "2026-01-05T09:00:00Z"),
                TestEvents.event(new LegalStatusRecorded("c", P, "03", LocalDate.parse("2026-01-06"), null, true), "c", 1,
                        "2026-01-06T09:00:00Z"),
                TestEvents.event(new InvolvementRecorded("c", P, "i1", Forum.WARD_ROUND, LocalDate.parse("2026-01-20"),
                        List.of(), Participation.NOT_INVOLVED, ViewsTaken.NO, 30, null), "c", 2, "2026-01-20T09:00:00Z"),
                TestEvents.event(new InvolvementCorrected("c", P, "i1", Forum.MENTAL_HEALTH_TRIBUNAL, LocalDate.parse("2026-01-21"),
                        List.of(), Participation.SPOKE_FOR_THEMSELVES_WITH_SUPPORT, ViewsTaken.YES, 40), "c", 3,
                        "2026-01-22T09:00:00Z"),
                TestEvents.event(new GoalSet("g", P, "c", OutcomeDomain.PERSONAL_DEVELOPMENT, null,
                        GoalScale.GOAL_BASED_OUTCOMES, LocalDate.parse("2026-01-10")), "g", 0, "2026-01-10T09:00:00Z"),
                TestEvents.event(new GoalRated("g", P, 7, Perspective.SERVICE_USER, LocalDate.parse("2026-03-01")), "g", 2,
                        "2026-03-01T09:00:00Z"),
                TestEvents.event(new GoalRated("g", P, 3, Perspective.SERVICE_USER, LocalDate.parse("2026-01-15")), "g", 1,
                        "2026-01-15T09:00:00Z"),
                TestEvents.event(new GoalAchieved("g", P, LocalDate.parse("2026-03-02")), "g", 3, "2026-03-02T09:00:00Z"),
                TestEvents.event(new CaseClosed("c", P, ClosureReason.GOALS_MET, LocalDate.parse("2026-04-01")), "c", 4,
                        "2026-04-01T09:00:00Z"));
    }

    @Test
    void goalsCarryEveryRatingInDateOrderAndTheirEnd() {
        PersonProgress progress = PersonProgress.of(events());

        assertThat(progress.goals()).hasSize(1);
        PersonProgress.Goal goal = progress.goals().get(0);
        assertThat(goal.scale()).isEqualTo("GOAL_BASED_OUTCOMES");
        assertThat(goal.ratings()).extracting(PersonProgress.Rating::rating).containsExactly(3, 7);
        assertThat(goal.achievedOn()).isEqualTo(LocalDate.parse("2026-03-02"));
    }

    @Test
    void milestonesAreInDateOrderAndACorrectedForumShowsOnceAsCorrected() {
        PersonProgress progress = PersonProgress.of(events());

        assertThat(progress.milestones()).extracting(PersonProgress.Milestone::kind)
                .containsExactly("REFERRAL", "LEGAL_STATUS", "FORUM", "CLOSURE");
        assertThat(progress.milestones().get(2).on()).isEqualTo(LocalDate.parse("2026-01-21"));
        assertThat(progress.milestones().get(2).detail()).startsWith("MENTAL_HEALTH_TRIBUNAL SPOKE_FOR_THEMSELVES");
    }

    @Test
    void theOrderEventsArriveInChangesNothing() {
        List<ProjectedEvent> reversed = new ArrayList<>(events());
        Collections.reverse(reversed);

        assertThat(PersonProgress.of(reversed)).isEqualTo(PersonProgress.of(events()));
    }
}
