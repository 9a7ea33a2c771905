package org.heard.gateway.episode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.heard.contracts.trust.AutomaticImhaReferralMade;
import org.heard.contracts.trust.EpisodeEndReason;
import org.heard.contracts.trust.ImhaOptOutRecorded;
import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.heard.contracts.trust.LegalStatusEpisodeEnded;
import org.heard.contracts.trust.LegalStatusEpisodeReinstated;
import org.heard.contracts.trust.LegalStatusEpisodeStarted;
import org.heard.contracts.trust.OptOutKind;
import org.heard.contracts.trust.QualifyingEpisodeEnded;
import org.heard.contracts.trust.QualifyingEpisodeReinstated;
import org.heard.contracts.trust.QualifyingEpisodeStarted;
import org.heard.contracts.trust.TrustPersonsMerged;
import org.heard.contracts.trust.TrustProtocol;
import org.heard.gateway.notice.NoticeKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules of legal status and qualifying episodes, as given/when/then over one person's trust notices. */
class TrustPatientTest {

    private static final String PERSON = "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e";
    private static final String STAY = "3f9a0c1e5b7d2a4c6e8f0a1b3c5d7e9f";
    private static final Instant ADMITTED = Instant.parse("2026-03-02T09:15:00Z");
    private static final Instant NOTIFIED = Instant.parse("2026-03-02T09:16:04Z");

    private AggregateTestFixture<TrustPatient> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TrustPatient.class);
    }

    static RecordTrustNotice notice(NoticeKind kind, String code, boolean qualifying, Instant at) {
        return new RecordTrustNotice(PERSON, kind, TrustProtocol.HL7V2, "SYNTH", at, at.plusSeconds(64), STAY,
                "SYNTH01", "Willow Ward", kind == NoticeKind.DISCHARGE ? at : null,
                code == null ? null : new RecordTrustNotice.Status(code, LegalStatusCodeSystem.ENGLAND, null,
                        qualifying));
    }

    static RecordTrustNotice admission(String code, boolean qualifying) {
        return notice(NoticeKind.ADMISSION, code, qualifying, ADMITTED);
    }

    /** Records the events a command produced (internal stay events left out) for assertions after. */
    private static final class Captured extends org.hamcrest.BaseMatcher<List<EventMessage<?>>> {
        List<Object> events = List.of();

        @Override
        @SuppressWarnings("unchecked")
        public boolean matches(Object actual) {
            events = ((List<EventMessage<?>>) actual).stream().map(EventMessage::getPayload)
                    .filter(p -> !(p instanceof StayChanged)).map(p -> (Object) p).toList();
            return true;
        }

        @Override
        public void describeTo(org.hamcrest.Description description) {
            description.appendText("any events");
        }
    }

    private List<Object> eventsOf(RecordTrustNotice command) {
        Captured captured = new Captured();
        fixture.givenNoPriorActivity().when(command).expectSuccessfulHandlerExecution().expectEventsMatching(captured);
        return captured.events;
    }

    @Nested
    class AnAdmissionWithAQualifyingStatus {

        @Test
        void startsALegalStatusEpisodeAndAQualifyingEpisode() {
            List<Object> events = eventsOf(admission("03", true));
            assertThat(events).hasSize(2);
            LegalStatusEpisodeStarted episode = (LegalStatusEpisodeStarted) events.get(0);
            assertThat(episode.legalStatusCode()).isEqualTo("03");
            assertThat(episode.qualifyingPatient()).isTrue();
            assertThat(episode.startedAt()).isEqualTo(ADMITTED);
            assertThat(episode.notifiedAt()).isEqualTo(NOTIFIED);
            assertThat(episode.ward()).isEqualTo("Willow Ward");
            QualifyingEpisodeStarted qualifying = (QualifyingEpisodeStarted) events.get(1);
            assertThat(qualifying.legalStatusCode()).isEqualTo("03");
            assertThat(qualifying.notifiedAt()).isEqualTo(NOTIFIED);
        }

        @Test
        void theSameNoticeAgainChangesNothing() {
            fixture.given(stay(), started("e1", "03", true), qualifyingStarted("q1"))
                    .when(admission("03", true))
                    .expectNoEvents();
        }
    }

    @Nested
    class AnInformalAdmission {

        @Test
        void startsAnEpisodeThatDoesNotQualify() {
            List<Object> events = eventsOf(admission("01", false));
            assertThat(events).hasSize(1);
            assertThat(((LegalStatusEpisodeStarted) events.get(0)).qualifyingPatient()).isFalse();
        }
    }

    @Nested
    class ASectionChangeDuringAStay {

        @Test
        void section2ThenSection3IsTwoEpisodesAndOneQualifyingEpisode() {
            Instant changed = ADMITTED.plusSeconds(86_400 * 20);
            fixture.given(stay(), started("e1", "02", true), qualifyingStarted("q1"))
                    .when(notice(NoticeKind.UPDATE, "03", true, changed))
                    .expectEventsMatching(payloadsMatching(
                            exactSequenceOf(
                                    predicate(e -> e instanceof LegalStatusEpisodeEnded ended
                                            && ended.episodeId().equals("e1") && ended.reason() == EpisodeEndReason.SUPERSEDED
                                            && ended.endedAt().equals(changed)),
                                    predicate(e -> e instanceof LegalStatusEpisodeStarted s
                                            && s.legalStatusCode().equals("03") && s.startedAt().equals(changed)),
                                    andNoMore())));
        }

        @Test
        void aStatusThatNoLongerQualifiesEndsTheQualifyingEpisode() {
            fixture.given(stay(), started("e1", "03", true), qualifyingStarted("q1"))
                    .when(notice(NoticeKind.UPDATE, "01", false, ADMITTED.plusSeconds(3600)))
                    .expectEventsMatching(payloadsMatching(
                            exactSequenceOf(
                                    predicate(e -> e instanceof LegalStatusEpisodeEnded),
                                    predicate(e -> e instanceof LegalStatusEpisodeStarted s
                                            && !s.qualifyingPatient()),
                                    predicate(e -> e instanceof QualifyingEpisodeEnded q
                                            && q.qualifyingEpisodeId().equals("q1") && q.reason() == EpisodeEndReason.ENDED),
                                    andNoMore())));
        }

        @Test
        void notKnownSaysNothing() {
            fixture.given(stay(), started("e1", "03", true), qualifyingStarted("q1"))
                    .when(notice(NoticeKind.UPDATE, "99", false, ADMITTED.plusSeconds(3600)))
                    .expectNoEvents();
        }
    }

    @Nested
    class ADischarge {

        @Test
        void endsTheEpisodeAndTheQualifyingEpisode() {
            Instant discharged = ADMITTED.plusSeconds(86_400 * 28);
            fixture.given(stay(), started("e1", "03", true), qualifyingStarted("q1"))
                    .when(notice(NoticeKind.DISCHARGE, "03", true, discharged))
                    .expectEvents(new StayChanged(PERSON, STAY, "SYNTH01", "Willow Ward", TrustPatient.DISCHARGED,
                                    discharged),
                            new LegalStatusEpisodeEnded(PERSON, "e1", discharged, EpisodeEndReason.DISCHARGED),
                            new QualifyingEpisodeEnded(PERSON, "q1", discharged, EpisodeEndReason.DISCHARGED));
        }

        @Test
        void cancelledInErrorReinstatesWhatItEnded() {
            Instant discharged = ADMITTED.plusSeconds(86_400 * 28);
            RecordTrustNotice cancel = notice(NoticeKind.DISCHARGE_CANCELLED, null, false, discharged.plusSeconds(600));
            fixture.given(stay(), started("e1", "03", true), qualifyingStarted("q1"),
                            new StayChanged(PERSON, STAY, "SYNTH01", "Willow Ward", TrustPatient.DISCHARGED, discharged),
                            new LegalStatusEpisodeEnded(PERSON, "e1", discharged, EpisodeEndReason.DISCHARGED),
                            new QualifyingEpisodeEnded(PERSON, "q1", discharged, EpisodeEndReason.DISCHARGED))
                    .when(cancel)
                    .expectEvents(new StayChanged(PERSON, STAY, "SYNTH01", "Willow Ward", TrustPatient.OPEN,
                                    cancel.occurredAt()),
                            new LegalStatusEpisodeReinstated(PERSON, "e1", cancel.notifiedAt()),
                            new QualifyingEpisodeReinstated(PERSON, "q1", cancel.notifiedAt()));
        }
    }

    @Nested
    class AnAdmissionCancelledInError {

        @Test
        void endsItsEpisodesAsCancelled() {
            Instant at = ADMITTED.plusSeconds(1800);
            fixture.given(stay(), started("e1", "03", true), qualifyingStarted("q1"))
                    .when(notice(NoticeKind.ADMISSION_CANCELLED, null, false, at))
                    .expectEvents(new LegalStatusEpisodeEnded(PERSON, "e1", at, EpisodeEndReason.CANCELLED),
                            new QualifyingEpisodeEnded(PERSON, "q1", at, EpisodeEndReason.CANCELLED),
                            new StayChanged(PERSON, STAY, "SYNTH01", "Willow Ward", TrustPatient.CANCELLED, at));
        }
    }

    @Nested
    class TheAutomaticReferral {

        @Test
        void isRecordedOncePerQualifyingEpisode() {
            Instant due = NOTIFIED.plusSeconds(5 * 86_400);
            fixture.given(stay(), started("e1", "03", true), qualifyingStarted("q1"),
                            new AutomaticImhaReferralMade(PERSON, "q1", "case-1", NOTIFIED, due, "mha-1983-s130c"))
                    .when(new RecordAutomaticReferral(PERSON, "q1", "case-1", NOTIFIED, due, "mha-1983-s130c"))
                    .expectNoEvents();
        }

        @Test
        void anOptOutNamesTheQualifyingEpisodeAndItsCase() {
            Instant due = NOTIFIED.plusSeconds(5 * 86_400);
            fixture.given(stay(), started("e1", "03", true), qualifyingStarted("q1"),
                            new AutomaticImhaReferralMade(PERSON, "q1", "case-1", NOTIFIED, due, "mha-1983-s130c"))
                    .when(new RecordOptOut(PERSON, OptOutKind.OPTED_OUT, LocalDate.parse("2026-03-03"),
                            TrustProtocol.FHIR))
                    .expectEvents(new ImhaOptOutRecorded(PERSON, "q1", "case-1", LocalDate.parse("2026-03-03"),
                            OptOutKind.OPTED_OUT, TrustProtocol.FHIR));
        }
    }

    @Nested
    class AMerge {

        @Test
        void isRecordedOnceOnTheSurvivor() {
            Instant at = Instant.parse("2026-04-01T10:00:00Z");
            fixture.given(new TrustPersonsMerged(PERSON, "other", at, "SYNTH"))
                    .when(new MergePerson(PERSON, "other", at.plusSeconds(60), "SYNTH"))
                    .expectNoEvents();
        }
    }

    private static StayChanged stay() {
        return new StayChanged(PERSON, STAY, "SYNTH01", "Willow Ward", TrustPatient.OPEN, ADMITTED);
    }

    private static LegalStatusEpisodeStarted started(String id, String code, boolean qualifying) {
        return new LegalStatusEpisodeStarted(PERSON, id, code, LegalStatusCodeSystem.ENGLAND, qualifying, ADMITTED,
                NOTIFIED, "SYNTH", "SYNTH01", "Willow Ward", STAY, TrustProtocol.HL7V2);
    }

    private static QualifyingEpisodeStarted qualifyingStarted(String id) {
        return new QualifyingEpisodeStarted(PERSON, id, "03", LegalStatusCodeSystem.ENGLAND, ADMITTED, NOTIFIED,
                "SYNTH", "SYNTH01", "Willow Ward");
    }
}
