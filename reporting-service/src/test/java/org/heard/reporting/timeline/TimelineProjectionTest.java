package org.heard.reporting.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.involvement.Forum;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.contracts.involvement.Participation;
import org.heard.contracts.involvement.ViewsTaken;
import org.heard.reporting.projection.ProjectedEvent;
import org.heard.reporting.projection.TestEvents;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimelineProjectionTest {

    private static final String PERSON = "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e";
    private static final String CASE = "6f1d7c2e-4b4a-4e57-9a53-2a8f0c1d9b10";

    private static ProjectedEvent referral(String time) {
        return TestEvents.event(new ReferralReceived(CASE, PERSON, AdvocacyType.IMHA, ReferralSource.SELF,
                LocalDate.parse("2026-03-02"), null, null, null, null), CASE, 0, time);
    }

    private static ProjectedEvent involvement(long sequence, String time) {
        return TestEvents.event(new InvolvementRecorded(CASE, PERSON, "inv-" + sequence, Forum.WARD_ROUND,
                LocalDate.parse("2026-03-05"), List.of(), Participation.SPOKE_FOR_THEMSELVES_WITH_SUPPORT,
                ViewsTaken.YES, 30, null), CASE, sequence, time);
    }

    private static ProjectedEvent closure(long sequence, String time) {
        return TestEvents.event(new CaseClosed(CASE, PERSON, ClosureReason.GOALS_MET, LocalDate.parse("2026-06-30")),
                CASE, sequence, time);
    }

    private static ProjectedEvent assigned(long sequence, String advocate, String time) {
        return TestEvents.event(new AdvocateAssigned(CASE, PERSON, advocate), CASE, sequence, time);
    }

    private static PersonTimeline applyAll(ProjectedEvent... events) {
        PersonTimeline timeline = PersonTimeline.empty(PERSON);
        for (ProjectedEvent event : events) {
            timeline = TimelineProjection.apply(timeline, event);
        }
        return timeline;
    }

    @Test
    void eventsAreKeptInEventTimeOrderWhateverTheArrivalOrder() {
        PersonTimeline timeline = applyAll(closure(2, "2026-06-30T10:00:00Z"), referral("2026-03-02T10:00:00Z"),
                involvement(1, "2026-03-05T10:00:00Z"));

        assertThat(timeline.entries()).extracting(PersonTimeline.Entry::sequence).containsExactly(0L, 1L, 2L);
    }

    @Nested
    class EveryEventOnce {

        @Test
        void aRedeliveredEventChangesNothing() {
            PersonTimeline timeline = applyAll(referral("2026-03-02T10:00:00Z"), closure(2, "2026-06-30T10:00:00Z"));

            assertThat(TimelineProjection.apply(timeline, closure(2, "2026-06-30T10:00:00Z"))).isSameAs(timeline);
            assertThat(TimelineProjection.apply(timeline, referral("2026-03-02T10:00:00Z"))).isSameAs(timeline);
        }

        /**
         * The case's involvement (sequence 1) travels on the involvement topic, its closure (sequence 2) on the case
         * topic: the involvement may arrive after the closure, and is not older for that.
         */
        @Test
        void anEventOfTheSameAggregateArrivingAfterANewerOneFromAnotherTopicIsApplied() {
            PersonTimeline timeline = applyAll(referral("2026-03-02T10:00:00Z"), closure(2, "2026-06-30T10:00:00Z"),
                    involvement(1, "2026-03-05T10:00:00Z"));

            assertThat(timeline.entries()).hasSize(3);
            assertThat(timeline.entries().get(1).type()).isEqualTo("org.heard.involvement.InvolvementRecorded.v1");
        }

        @Test
        void applyingAllAtOnceOrOneByOneOrFromEntriesGivesTheSameTimeline() {
            List<ProjectedEvent> events = List.of(closure(2, "2026-06-30T10:00:00Z"),
                    assigned(3, "advocate-1", "2026-07-01T10:00:00Z"), referral("2026-03-02T10:00:00Z"),
                    closure(2, "2026-06-30T10:00:00Z"), involvement(1, "2026-03-05T10:00:00Z"));
            PersonTimeline oneByOne = applyAll(events.toArray(ProjectedEvent[]::new));
            PersonTimeline together = TimelineProjection.applyAll(PersonTimeline.empty(PERSON), events);
            PersonTimeline fromEntries = TimelineProjection.of(PERSON, events.stream().map(e ->
                    new PersonTimeline.Entry(e.id(), e.type().type(), e.time(), e.aggregateId(), e.sequence(),
                            e.json())).toList());

            assertThat(together).isEqualTo(oneByOne);
            assertThat(fromEntries).isEqualTo(oneByOne);
            assertThat(oneByOne.entries()).hasSize(4);
        }
    }

    @Test
    void theAdvocateOfACaseIsTheLatestAssignmentInEventOrderNotInArrivalOrder() {
        PersonTimeline timeline = applyAll(assigned(4, "advocate-new", "2026-04-01T10:00:00Z"),
                assigned(3, "advocate-old", "2026-03-20T10:00:00Z"));

        assertThat(timeline.advocates()).containsExactly(java.util.Map.entry(CASE, "advocate-new"));
    }

    @Test
    void asOfADateLeavesOutLaterEvents() {
        PersonTimeline timeline = applyAll(referral("2026-03-02T10:00:00Z"), closure(2, "2026-06-30T23:59:00Z"));

        assertThat(timeline.asOf(LocalDate.parse("2026-06-29")).entries()).extracting(PersonTimeline.Entry::sequence)
                .containsExactly(0L);
        assertThat(timeline.asOf(LocalDate.parse("2026-06-30")).entries()).hasSize(2);
        assertThat(timeline.asOf(LocalDate.parse("2026-03-01")).entries()).isEmpty();
    }
}
