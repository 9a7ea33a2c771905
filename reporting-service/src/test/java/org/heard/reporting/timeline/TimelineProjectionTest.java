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
import org.heard.contracts.persons.PersonRegistered;
import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.heard.contracts.trust.QualifyingEpisodeStarted;
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

    /**
     * case-service's {@code Person} and trust-gateway's {@code TrustPatient} are both keyed by the person's id: the
     * person's registration and their first trust event are both (person id, sequence 0), with different event ids
     * (each producer's event-store identifier).
     */
    @Nested
    class TwoProducersOfOnePerson {

        private static final String REGISTERED_ID = "3d2c1b0a-case-service-event-0001";
        private static final String EPISODE_ID = "9e8d7c6b-trust-gateway-event-0001";

        private static ProjectedEvent registered(String time) {
            return withId(REGISTERED_ID, TestEvents.event(new PersonRegistered(PERSON, null, null, null, null, null),
                    PERSON, 0, time));
        }

        private static ProjectedEvent episodeStarted(String time) {
            java.time.Instant at = java.time.Instant.parse(time);
            return withId(EPISODE_ID, TestEvents.event(new QualifyingEpisodeStarted(PERSON, "episode-1", "03",
                    LegalStatusCodeSystem.ENGLAND, at, at, "RX1", "RX101", "Willow"), PERSON, 0, time));
        }

        private static ProjectedEvent withId(String id, ProjectedEvent event) {
            return new ProjectedEvent(id, event.time(), event.key(), event.aggregateId(), event.sequence(),
                    event.type(), event.event(), event.json());
        }

        @Test
        void bothEventsAreOnTheTimelineOnceEachInEitherArrivalOrderAndWhenEachArrivesTwice() {
            PersonTimeline registeredFirst = applyAll(registered("2026-03-01T09:00:00Z"),
                    episodeStarted("2026-03-01T10:00:00Z"), registered("2026-03-01T09:00:00Z"),
                    episodeStarted("2026-03-01T10:00:00Z"));
            PersonTimeline episodeFirst = applyAll(episodeStarted("2026-03-01T10:00:00Z"),
                    registered("2026-03-01T09:00:00Z"), episodeStarted("2026-03-01T10:00:00Z"),
                    registered("2026-03-01T09:00:00Z"));

            assertThat(registeredFirst.entries()).extracting(PersonTimeline.Entry::type).containsExactly(
                    "org.heard.case.PersonRegistered.v1", "org.heard.trust.QualifyingEpisodeStarted.v1");
            assertThat(episodeFirst).isEqualTo(registeredFirst);
        }

        @Test
        void atTheSameTimeTheyStillHaveOneOrderWhateverTheArrivalOrder() {
            String time = "2026-03-01T10:00:00Z";
            PersonTimeline registeredFirst = applyAll(registered(time), episodeStarted(time), registered(time));
            PersonTimeline episodeFirst = applyAll(episodeStarted(time), registered(time), episodeStarted(time));
            PersonTimeline together = TimelineProjection.applyAll(PersonTimeline.empty(PERSON),
                    List.of(episodeStarted(time), registered(time), registered(time), episodeStarted(time)));

            assertThat(registeredFirst.entries()).extracting(PersonTimeline.Entry::eventId)
                    .containsExactly(REGISTERED_ID, EPISODE_ID);
            assertThat(episodeFirst).isEqualTo(registeredFirst);
            assertThat(together).isEqualTo(registeredFirst);
            List<PersonTimeline.Entry> reversed = new java.util.ArrayList<>(episodeFirst.entries());
            java.util.Collections.reverse(reversed);
            assertThat(TimelineProjection.of(PERSON, reversed).entries()).isEqualTo(registeredFirst.entries());
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
