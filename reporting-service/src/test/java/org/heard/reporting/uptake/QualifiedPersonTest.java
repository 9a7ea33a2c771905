package org.heard.reporting.uptake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.persons.Gender;
import org.heard.contracts.trust.EpisodeEndReason;
import org.heard.reporting.cohort.PersonFacts;
import org.heard.reporting.projection.ProjectedEvent;
import org.heard.reporting.uptake.QualifiedPerson.ClockState;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules of who counts in uptake, and how their first-contact clock stands, from events by hand. */
class QualifiedPersonTest {

    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    private static TrustScenario detained(String person) {
        return new TrustScenario(person).registered("M", "25-34", Gender.MAN)
                .qualified("ep-1", "03", "2026-03-02T10:00:00Z", "Willow");
    }

    @Nested
    class TheDenominator {

        @Test
        void aQualifyingPersonWithoutAnyCaseCountsAndHasNoCase() {
            QualifiedPerson person = detained("p").qualified(NOW);

            assertThat(person).isNotNull();
            assertThat(person.withCase()).isFalse();
            assertThat(person.saidNo()).isFalse();
            assertThat(person.clock()).isNull();
            assertThat(person.dimensions()).containsEntry("ethnicGroup", "BLACK").containsEntry("ageBand", "25-34")
                    .containsEntry("gender", "MAN").containsEntry("legalStatusGroup", "DETAINED")
                    .containsEntry("legalStatus", "ENGLAND-03").containsEntry("organisation", "RX1")
                    .containsEntry("site", "RX101").containsEntry("ward", "Willow")
                    .containsEntry("month", "2026-03");
        }

        @Test
        void aPersonWithOnlyAReferralAndNoQualifyingEpisodeIsNotInTheDenominator() {
            TrustScenario person = new TrustScenario("p").registered("A", "25-34", Gender.WOMAN)
                    .referred("c", AdvocacyType.IMHA, "2026-03-03", ReferralSource.SELF);

            assertThat(person.qualified(NOW)).isNull();
        }

        @Test
        void anEpisodeCancelledInErrorIsAsIfItHadNeverBeen() {
            TrustScenario person = detained("p").ended("ep-1", EpisodeEndReason.CANCELLED, "2026-03-03T10:00:00Z");

            assertThat(person.qualified(NOW)).isNull();
        }

        @Test
        void anEpisodeEndedByDischargeStillCounts() {
            TrustScenario person = detained("p").ended("ep-1", EpisodeEndReason.DISCHARGED, "2026-04-03T10:00:00Z");

            assertThat(person.qualified(NOW)).isNotNull();
        }

        @Test
        void thePeriodIsOfTheDayTheQualifyingStatusBeganInLondon() {
            // 23:30 UTC on 31 March is 00:30 on 1 April in London (summer time)
            TrustScenario person = new TrustScenario("p").qualified("ep-1", "02", "2026-03-31T23:30:00Z", null);

            assertThat(QualifiedPerson.of(person.facts(), LocalDate.parse("2026-04-01"), null, NOW)).isNotNull();
            assertThat(QualifiedPerson.of(person.facts(), null, LocalDate.parse("2026-03-31"), NOW)).isNull();
            assertThat(person.qualified(NOW).dimensions()).containsEntry("month", "2026-04")
                    .containsEntry("ward", "NOT_KNOWN").containsEntry("ethnicGroup", "NOT_STATED");
        }

        @Test
        void aPersonIsGroupedByTheirEarliestEpisodeOfThePeriod() {
            TrustScenario person = detained("p").ended("ep-1", EpisodeEndReason.DISCHARGED, "2026-03-20T10:00:00Z")
                    .qualified("ep-2", "35", "2026-05-04T10:00:00Z", "Oak");

            assertThat(person.qualified(NOW).dimensions()).containsEntry("month", "2026-03")
                    .containsEntry("ward", "Willow");
            assertThat(QualifiedPerson.of(person.facts(), LocalDate.parse("2026-04-01"), null, NOW).dimensions())
                    .containsEntry("month", "2026-05").containsEntry("ward", "Oak")
                    .containsEntry("legalStatusGroup", "COMMUNITY");
        }
    }

    @Nested
    class HavingAnImhaCase {

        @Test
        void theAutomaticReferralIsACaseEvenBeforeItsReferralArrives() {
            TrustScenario person = detained("p").automatic("ep-1", "c-auto", "2026-03-02T11:00:00Z",
                    "2026-03-07T11:00:00Z");

            assertThat(person.qualified(NOW).withCase()).isTrue();
        }

        @Test
        void anImhaReferralMadeDuringTheEpisodeIsACaseWhoeverMadeIt() {
            TrustScenario person = detained("p").referred("c", AdvocacyType.IMHA, "2026-03-10", ReferralSource.SELF);

            assertThat(person.qualified(NOW).withCase()).isTrue();
        }

        @Test
        void aReferralOfAnotherKindIsNotAnImhaCase() {
            TrustScenario person = detained("p").referred("c", AdvocacyType.IMCA, "2026-03-10", ReferralSource.SELF);

            assertThat(person.qualified(NOW).withCase()).isFalse();
        }

        @Test
        void anImhaReferralBeforeTheEpisodeOrAfterItEndedIsNotACaseOfIt() {
            TrustScenario person = detained("p").ended("ep-1", EpisodeEndReason.DISCHARGED, "2026-03-20T10:00:00Z")
                    .referred("c-before", AdvocacyType.IMHA, "2026-03-01", ReferralSource.SELF)
                    .referred("c-after", AdvocacyType.IMHA, "2026-03-21", ReferralSource.SELF);

            assertThat(person.qualified(NOW).withCase()).isFalse();
        }

        @Test
        void anOptOutBeforeTheCaseWasKnownTakesTheAutomaticCaseOut() {
            TrustScenario person = detained("p").optedOut("ep-1", null, "2026-03-02")
                    .automatic("ep-1", "c-auto", "2026-03-02T11:00:00Z", "2026-03-07T11:00:00Z")
                    .referred("c-auto", AdvocacyType.IMHA, "2026-03-02", ReferralSource.TRUST_FEED);

            QualifiedPerson qualified = person.qualified(NOW);
            assertThat(qualified.withCase()).isFalse();
            assertThat(qualified.saidNo()).isTrue();
            assertThat(qualified.clock().state()).isEqualTo(ClockState.SAID_NO);
        }

        @Test
        void aDeclinedReferralIsNotUptake() {
            TrustScenario person = detained("p").referred("c", AdvocacyType.IMHA, "2026-03-10", ReferralSource.SELF)
                    .declined("c", "2026-03-11");

            assertThat(person.qualified(NOW).withCase()).isFalse();
            assertThat(person.qualified(NOW).saidNo()).isTrue();
        }

        @Test
        void aReferralThePersonAsksForAfterOptingOutIsUptake() {
            TrustScenario person = detained("p").automatic("ep-1", "c-auto", "2026-03-02T11:00:00Z",
                    "2026-03-07T11:00:00Z").optedOut("ep-1", "c-auto", "2026-03-03")
                    .referred("c-later", AdvocacyType.IMHA, "2026-04-01", ReferralSource.SELF);

            assertThat(person.qualified(NOW).withCase()).isTrue();
            assertThat(person.qualified(NOW).saidNo()).isFalse();
        }

        @Test
        void aReinstatedEpisodeIsOpenAgainSoALaterReferralIsItsCase() {
            TrustScenario person = detained("p").ended("ep-1", EpisodeEndReason.DISCHARGED, "2026-03-20T10:00:00Z")
                    .reinstated("ep-1", "2026-03-21T10:00:00Z")
                    .referred("c", AdvocacyType.IMHA, "2026-03-25", ReferralSource.SELF);

            assertThat(person.qualified(NOW).withCase()).isTrue();
        }
    }

    @Nested
    class TheFirstContactClock {

        private TrustScenario referred() {
            return detained("p").automatic("ep-1", "c-auto", "2026-03-02T11:00:00Z", "2026-03-07T11:00:00Z");
        }

        @Test
        void contactOnTheDueDateIsInTimeAndCountsTheDaysFromNotification() {
            QualifiedPerson person = referred().contacted("c-auto", "2026-03-07").qualified(NOW);

            assertThat(person.clock()).isEqualTo(new QualifiedPerson.Clock(ClockState.IN_TIME, 5));
        }

        @Test
        void contactAfterTheDueDateIsLate() {
            QualifiedPerson person = referred().contacted("c-auto", "2026-03-08").qualified(NOW);

            assertThat(person.clock()).isEqualTo(new QualifiedPerson.Clock(ClockState.LATE, 6));
        }

        @Test
        void theEarliestContactOfTheCaseCountsAndContactOnAnotherCaseDoesNot() {
            QualifiedPerson person = referred().contacted("c-other", "2026-03-03").contacted("c-auto", "2026-03-20")
                    .contacted("c-auto", "2026-03-04").qualified(NOW);

            assertThat(person.clock()).isEqualTo(new QualifiedPerson.Clock(ClockState.IN_TIME, 2));
        }

        @Test
        void notContactedIsOverdueOncePastTheDueTimeAndNotYetDueBefore() {
            assertThat(referred().qualified(Instant.parse("2026-03-07T11:00:01Z")).clock().state())
                    .isEqualTo(ClockState.OVERDUE);
            assertThat(referred().qualified(Instant.parse("2026-03-07T11:00:00Z")).clock().state())
                    .isEqualTo(ClockState.NOT_YET_DUE);
        }

        @Test
        void dischargedBeforeTheDueTimeWithoutContactIsCountedApart() {
            assertThat(referred().ended("ep-1", EpisodeEndReason.DISCHARGED, "2026-03-05T09:00:00Z").qualified(NOW)
                    .clock().state()).isEqualTo(ClockState.ENDED_BEFORE_DUE);
            assertThat(referred().ended("ep-1", EpisodeEndReason.DISCHARGED, "2026-03-09T09:00:00Z").qualified(NOW)
                    .clock().state()).isEqualTo(ClockState.OVERDUE);
        }
    }

    @Nested
    class TheFold {

        @Test
        void anyOrderAndRedeliveryOfThePersonsEventsGiveTheSameAnswer() {
            TrustScenario person = referred().ended("ep-1", EpisodeEndReason.DISCHARGED, "2026-03-20T10:00:00Z")
                    .reinstated("ep-1", "2026-03-21T10:00:00Z").optedOut("ep-1", "c-auto", "2026-03-22")
                    .referred("c-later", AdvocacyType.IMHA, "2026-04-01", ReferralSource.SELF)
                    .contacted("c-auto", "2026-03-09");
            QualifiedPerson expected = person.qualified(NOW);
            Random random = new Random(12);
            for (int i = 0; i < 200; i++) {
                List<ProjectedEvent> arrivals = new ArrayList<>(person.events);
                arrivals.addAll(person.events.subList(0, random.nextInt(person.events.size())));
                Collections.shuffle(arrivals, random);
                PersonFacts facts = PersonFacts.empty();
                for (ProjectedEvent event : arrivals) {
                    facts = PersonFacts.apply(facts, event);
                }
                assertThat(QualifiedPerson.of(facts, null, null, NOW)).isEqualTo(expected);
            }
            assertThat(expected.withCase()).isTrue();
            assertThat(expected.clock()).isEqualTo(new QualifiedPerson.Clock(ClockState.LATE, 7));
        }

        private TrustScenario referred() {
            return detained("p").automatic("ep-1", "c-auto", "2026-03-02T11:00:00Z", "2026-03-07T11:00:00Z");
        }
    }
}
