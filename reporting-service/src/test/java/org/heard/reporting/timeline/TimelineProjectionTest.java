package org.heard.reporting.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import org.heard.contracts.envelope.EventEnvelope;
import org.junit.jupiter.api.Test;

class TimelineProjectionTest {

    private static final String PERSON = "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e";
    private static final String CASE = "6f1d7c2e-4b4a-4e57-9a53-2a8f0c1d9b10";
    private static final String ASSESSMENT = "a3c9e1f0-7d2b-4f6e-8c1a-5b4d3e2f1a09";

    private static EventEnvelope event(String id, String type, String aggregate, long sequence, String time) {
        return new EventEnvelope(id, URI.create("/test"), type, "X/" + aggregate, OffsetDateTime.parse(time), PERSON,
                aggregate, sequence, null, "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eventsAreKeptInEventTimeOrderWhateverTheArrivalOrder() {
        PersonTimeline timeline = PersonTimeline.empty(PERSON);
        timeline = TimelineProjection.apply(timeline,
                event("e3", "org.heard.outcome.AssessmentCompleted.v1", ASSESSMENT, 0, "2026-03-09T10:00:00Z"));
        timeline = TimelineProjection.apply(timeline,
                event("e1", "org.heard.case.ReferralReceived.v1", CASE, 0, "2026-03-02T10:00:00Z"));
        timeline = TimelineProjection.apply(timeline,
                event("e2", "org.heard.case.CaseClosed.v1", CASE, 1, "2026-06-30T10:00:00Z"));

        assertThat(timeline.entries()).extracting(PersonTimeline.Entry::eventId).containsExactly("e1", "e3", "e2");
        assertThat(timeline.applied()).containsEntry(CASE, 1L).containsEntry(ASSESSMENT, 0L);
    }

    @Test
    void aRedeliveredOrOlderEventChangesNothing() {
        PersonTimeline timeline = PersonTimeline.empty(PERSON);
        timeline = TimelineProjection.apply(timeline,
                event("e1", "org.heard.case.ReferralReceived.v1", CASE, 0, "2026-03-02T10:00:00Z"));
        timeline = TimelineProjection.apply(timeline,
                event("e2", "org.heard.case.CaseClosed.v1", CASE, 1, "2026-06-30T10:00:00Z"));

        PersonTimeline again = TimelineProjection.apply(timeline,
                event("e2", "org.heard.case.CaseClosed.v1", CASE, 1, "2026-06-30T10:00:00Z"));
        PersonTimeline older = TimelineProjection.apply(timeline,
                event("e1", "org.heard.case.ReferralReceived.v1", CASE, 0, "2026-03-02T10:00:00Z"));

        assertThat(again).isSameAs(timeline);
        assertThat(older).isSameAs(timeline);
        assertThat(timeline.entries()).hasSize(2);
    }

    @Test
    void typesThisServiceDoesNotKnowYetAreStillOnTheTimeline() {
        PersonTimeline timeline = TimelineProjection.apply(PersonTimeline.empty(PERSON),
                event("e9", "org.heard.case.SomethingNew.v1", CASE, 0, "2026-03-02T10:00:00Z"));

        assertThat(timeline.entries()).singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo("org.heard.case.SomethingNew.v1"));
    }

    @Test
    void asOfADateLeavesOutLaterEvents() {
        PersonTimeline timeline = PersonTimeline.empty(PERSON);
        timeline = TimelineProjection.apply(timeline,
                event("e1", "org.heard.case.ReferralReceived.v1", CASE, 0, "2026-03-02T10:00:00Z"));
        timeline = TimelineProjection.apply(timeline,
                event("e2", "org.heard.case.CaseClosed.v1", CASE, 1, "2026-06-30T23:59:00Z"));

        assertThat(timeline.asOf(java.time.LocalDate.parse("2026-06-29")).entries()).extracting(
                PersonTimeline.Entry::eventId).containsExactly("e1");
        assertThat(timeline.asOf(java.time.LocalDate.parse("2026-06-30")).entries()).hasSize(2);
        assertThat(timeline.asOf(java.time.LocalDate.parse("2026-03-01")).entries()).isEmpty();
    }
}
