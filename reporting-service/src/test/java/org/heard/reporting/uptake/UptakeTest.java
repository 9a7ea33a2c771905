package org.heard.reporting.uptake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.heard.contracts.persons.Gender;
import org.heard.contracts.trust.TrustPersonsMerged;
import org.heard.reporting.disclosure.Disclosure;
import org.heard.reporting.disclosure.DisclosureRule;
import org.heard.reporting.disclosure.PublishedValue;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The uptake table from people's events, its figures worked out by hand in the comments. */
class UptakeTest {

    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");
    private static final Uptake STANDARD = new Uptake(new Disclosure(DisclosureRule.standard()));
    /** Shows every count as it is, for tests of who counts. */
    private static final Uptake EXACT = new Uptake(new Disclosure(new DisclosureRule(0, 1)));

    private static TrustScenario qualifying(String person, String ward) {
        return new TrustScenario(person).registered("A", "35-44", Gender.WOMAN)
                .qualified("ep-" + person, "03", "2026-03-02T10:00:00Z", ward);
    }

    private static TrustScenario referred(String person, String ward) {
        return qualifying(person, ward).automatic("ep-" + person, "case-" + person, "2026-03-02T11:00:00Z",
                "2026-03-07T11:00:00Z");
    }

    private static String n(PublishedValue value) {
        return value.toCsv();
    }

    @Nested
    class Figures {

        /**
         * 20 people on Willow: 8 contacted in time (1, 2, 3, 4, 1, 2, 3, 4 days), 3 late (8 days), 2 not contacted
         * and overdue, 3 who opted out before contact, 4 with no automatic referral and no case.
         */
        private List<Uptake.Input> willow() {
            List<Uptake.Input> people = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                people.add(referred("p" + i, "Willow").contacted("case-p" + i,
                        LocalDate.parse("2026-03-02").plusDays(i % 4 + 1).toString()).input());
            }
            for (int i = 8; i < 11; i++) {
                people.add(referred("p" + i, "Willow").contacted("case-p" + i, "2026-03-10").input());
            }
            for (int i = 11; i < 13; i++) {
                people.add(referred("p" + i, "Willow").input());
            }
            for (int i = 13; i < 16; i++) {
                people.add(referred("p" + i, "Willow").optedOut("ep-p" + i, "case-p" + i, "2026-03-03").input());
            }
            for (int i = 16; i < 20; i++) {
                people.add(qualifying("p" + i, "Willow").input());
            }
            return people;
        }

        @Test
        void asTheyAreTheFiguresAreTheScenariosCounts() {
            List<Uptake.Row> rows = EXACT.compute(willow(), Map.of(), List.of(), null, null, NOW);

            assertThat(rows).hasSize(1);
            Uptake.Row row = rows.get(0);
            assertThat(n(row.qualifyingPeople())).isEqualTo("20");
            assertThat(n(row.withImhaCase().count())).isEqualTo("13"); // 8 + 3 + 2: an automatic case not opted out
            assertThat(n(row.withImhaCase().percent())).isEqualTo("65.0");
            assertThat(n(row.saidNo())).isEqualTo("3");
            Uptake.ClockFigures clock = row.firstContact();
            assertThat(n(clock.referrals())).isEqualTo("16");
            assertThat(n(clock.contacted())).isEqualTo("11");
            // 1 1 2 2 3 3 4 4 8 8 8: the sixth is 3
            assertThat(n(clock.medianDays())).isEqualTo("3.00");
            assertThat(List.of(n(clock.inTime()), n(clock.late()), n(clock.overdue()), n(clock.notYetDue()),
                    n(clock.saidNo()), n(clock.endedBeforeDue()))).containsExactly("8", "3", "2", "0", "3", "0");
            // 8 in time of the 13 whose time has come (8 + 3 + 2)
            assertThat(n(clock.inTimePercent().percent())).isEqualTo("61.5");
        }

        @Test
        void underTheStandardRuleCountsAreRoundedAndSmallOnesWithheld() {
            Uptake.Row row = STANDARD.compute(willow(), Map.of(), List.of(), null, null, NOW).get(0);

            assertThat(n(row.qualifyingPeople())).isEqualTo("20");
            assertThat(n(row.withImhaCase().count())).isEqualTo("15");
            assertThat(n(row.withImhaCase().percent())).isEqualTo("75.0"); // of the published 15 and 20
            assertThat(n(row.saidNo())).isEqualTo("*");
            assertThat(n(row.firstContact().late())).isEqualTo("*");
            assertThat(n(row.firstContact().overdue())).isEqualTo("*");
            assertThat(n(row.firstContact().inTime())).isEqualTo("10");
            assertThat(n(row.firstContact().inTimePercent().percent())).isEqualTo("66.7"); // 10 of 15
        }

        @Test
        void beforeTheDueTimeTheWaitingAreNotYetDueAndOutOfTheShare() {
            Uptake.Row row = EXACT.compute(willow(), Map.of(), List.of(), null, null,
                    Instant.parse("2026-03-06T12:00:00Z")).get(0);

            // the view is as things stand: the 2 never contacted wait; the contacts recorded are counted whatever "now" is
            assertThat(n(row.firstContact().notYetDue())).isEqualTo("2");
            assertThat(n(row.firstContact().overdue())).isEqualTo("0");
        }
    }

    @Nested
    class Groups {

        @Test
        void aGroupTooSmallToShowIsWithheldInEveryFigure() {
            List<Uptake.Input> people = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                people.add(referred("w" + i, "Willow").input());
            }
            for (int i = 0; i < 3; i++) {
                people.add(referred("o" + i, "Oak").contacted("case-o" + i, "2026-03-03").input());
            }

            List<Uptake.Row> rows = STANDARD.compute(people, Map.of(), List.of("ward"), null, null, NOW);

            assertThat(rows).extracting(r -> r.group().get("ward")).containsExactly("Oak", "Willow");
            Uptake.Row oak = rows.get(0);
            assertThat(List.of(oak.qualifyingPeople(), oak.withImhaCase().count(), oak.withImhaCase().percent(),
                    oak.firstContact().medianDays(), oak.firstContact().inTime(),
                    oak.firstContact().inTimePercent().percent())).allMatch(PublishedValue::isSuppressed);
            assertThat(n(rows.get(1).qualifyingPeople())).isEqualTo("10");
        }

        @Test
        void theMarginAuditWithholdsASiblingThatWouldRevealASmallGroup() {
            // 8, 8 and 1 publish as 10, 10 and "*" with a total of 15: the "*" could only be 1, so an 8 goes too
            List<Uptake.Input> people = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                people.add(qualifying("a" + i, "Ash").input());
                people.add(qualifying("b" + i, "Birch").input());
            }
            people.add(qualifying("c0", "Cedar").input());

            List<Uptake.Row> rows = STANDARD.compute(people, Map.of(), List.of("ward"), null, null, NOW);

            assertThat(rows).extracting(r -> n(r.qualifyingPeople())).containsExactlyInAnyOrder("10", "*", "*");
            assertThat(n(STANDARD.compute(people, Map.of(), List.of(), null, null, NOW).get(0).qualifyingPeople()))
                    .isEqualTo("15");
        }

        @Test
        void aFilterKeepsOnlyPeopleWithThatValue() {
            List<Uptake.Input> people = List.of(qualifying("a", "Ash").input(), qualifying("b", "Birch").input());

            List<Uptake.Row> rows = EXACT.compute(people, Map.of("ward", "Ash"), List.of(), null, null, NOW);

            assertThat(n(rows.get(0).qualifyingPeople())).isEqualTo("1");
        }
    }

    @Nested
    class MergesAndErasure {

        @Test
        void peopleATrustMergedCountOnceWithTheCaseOfEither() {
            TrustScenario survivor = qualifying("s", "Ash");
            survivor.add(new TrustPersonsMerged("s", "m", Instant.parse("2026-04-01T09:00:00Z"), "RX1"), "s",
                    "2026-04-01T09:00:00Z");
            TrustScenario merged = new TrustScenario("m").qualified("ep-m", "02", "2026-02-20T10:00:00Z", "Birch")
                    .automatic("ep-m", "case-m", "2026-02-20T11:00:00Z", "2026-02-25T11:00:00Z");

            List<Uptake.Row> rows = EXACT.compute(List.of(merged.input(), survivor.input()), Map.of(),
                    List.of("ward"), null, null, NOW);

            // one person, grouped by the earlier of the two episodes (the merged record's), with its case
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).group()).containsEntry("ward", "Birch");
            assertThat(n(rows.get(0).qualifyingPeople())).isEqualTo("1");
            assertThat(n(rows.get(0).withImhaCase().count())).isEqualTo("1");
        }

        @Test
        void aChainOfMergesIsOnePersonWhicheverWayRoundItIsRead() {
            TrustScenario a = qualifying("a", "Ash");
            a.add(new TrustPersonsMerged("a", "b", NOW, "RX1"), "a", "2026-04-01T09:00:00Z");
            TrustScenario c = qualifying("c", "Ash");
            c.add(new TrustPersonsMerged("c", "b", NOW, "RX1"), "c", "2026-04-01T09:00:00Z");
            TrustScenario b = qualifying("b", "Ash");

            assertThat(n(EXACT.compute(List.of(c.input(), b.input(), a.input()), Map.of(), List.of(), null, null,
                    NOW).get(0).qualifyingPeople())).isEqualTo("1");
        }

        @Test
        void anErasedPersonsAnonymousFactsStillCount() {
            TrustScenario person = referred("e", "Ash");
            Uptake.Input anonymous = new Uptake.Input("erasure-event-id", null, person.facts());

            Uptake.Row row = EXACT.compute(List.of(anonymous), Map.of(), List.of(), null, null, NOW).get(0);

            assertThat(n(row.qualifyingPeople())).isEqualTo("1");
            assertThat(n(row.withImhaCase().count())).isEqualTo("1");
        }
    }
}
