package org.heard.reporting.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.SealedValue;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ContactMode;
import org.heard.contracts.cases.FirstContactMade;
import org.heard.contracts.cases.IssueResolution;
import org.heard.contracts.cases.IssueResolved;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.involvement.Forum;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.contracts.involvement.Participation;
import org.heard.contracts.involvement.ViewsTaken;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.Extent;
import org.heard.contracts.outcomes.OutcomeDomain;
import org.heard.contracts.outcomes.OutcomeRecorded;
import org.heard.contracts.outcomes.Perspective;
import org.heard.contracts.outcomes.Timepoint;
import org.heard.contracts.persons.EqualityDetails;
import org.heard.contracts.persons.Gender;
import org.heard.contracts.persons.PersonRegistered;
import org.heard.reporting.disclosure.Disclosure;
import org.heard.reporting.disclosure.DisclosureRule;
import org.junit.jupiter.api.Test;

/**
 * Every number of a small scenario, recomputed by hand (with a disclosure rule that hides nothing, so the arithmetic
 * shows; the rule itself is tested elsewhere).
 */
class CohortImpactTest {

    private static final SealedValue WORDS = new SealedValue("k", "c2VhbGVk");
    private static final String F = "heard-empowerment";

    private final List<HeardEvent> events = new ArrayList<>();

    private static PersonFacts timeline(String person, List<HeardEvent> events) {
        List<org.heard.reporting.projection.ProjectedEvent> projected = new ArrayList<>();
        long sequence = 0;
        OffsetDateTime time = OffsetDateTime.of(2026, 1, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        for (HeardEvent event : events) {
            time = time.plusDays(1);
            projected.add(org.heard.reporting.projection.TestEvents.event(event, person + "-agg", sequence++,
                    time.toInstant()));
        }
        return PersonFacts.of(projected);
    }

    private static AssessmentCompleted reading(String person, Timepoint timepoint, String on, int score,
                                               Map<String, BigDecimal> subscales) {
        return new AssessmentCompleted(UUID.randomUUID().toString(), person, "c", F, 1, timepoint,
                BigDecimal.valueOf(score), LocalDate.parse(on), null, List.of(), subscales);
    }

    private static Map<String, BigDecimal> subscales(String involvement, String development) {
        return Map.of("involvement", new BigDecimal(involvement), "personal-development", new BigDecimal(development));
    }

    private static PersonRegistered registered(String person, String ethnic) {
        return new PersonRegistered(person, WORDS, null, null, null,
                new EqualityDetails(ethnic, "25-34", Gender.MAN, "en", false, List.of()));
    }

    private static ReferralReceived referral(String person, AdvocacyType type) {
        return new ReferralReceived("c-" + person, person, type, ReferralSource.SELF, LocalDate.parse("2026-01-10"),
                null, null, null, null);
    }

    private static InvolvementRecorded involvement(String person, Participation participation, ViewsTaken views) {
        return new InvolvementRecorded("c-" + person, person, UUID.randomUUID().toString(), Forum.WARD_ROUND,
                LocalDate.parse("2026-02-01"), List.of(), participation, views, 30, null);
    }

    private static OutcomeRecorded outcome(String person, Perspective perspective) {
        return new OutcomeRecorded(UUID.randomUUID().toString(), person, "c-" + person,
                OutcomeDomain.CARE_AND_TREATMENT, "leave-granted", WORDS, perspective, Extent.SOME, Extent.SOME,
                List.of(), LocalDate.parse("2026-03-01"));
    }

    private List<PersonProfile> scenario() {
        PersonFacts p1 = timeline("p1", List.of(registered("p1", "N"),
                referral("p1", AdvocacyType.COMMUNITY_CULTURALLY_SPECIFIC),
                new FirstContactMade("c-p1", "p1", LocalDate.parse("2026-01-13"), ContactMode.IN_PERSON, 3),
                reading("p1", Timepoint.BASELINE, "2026-01-14", 12, subscales("2", "2")),
                involvement("p1", Participation.SPOKE_FOR_THEMSELVES_WITH_SUPPORT, ViewsTaken.YES),
                involvement("p1", Participation.NOT_INVOLVED, ViewsTaken.NO),
                reading("p1", Timepoint.REVIEW, "2026-03-14", 15, subscales("2.5", "2.5")),
                outcome("p1", Perspective.SERVICE_USER), outcome("p1", Perspective.ADVOCATE),
                new IssueResolved("c-p1", "p1", "i", IssueResolution.ACHIEVED, LocalDate.parse("2026-04-01")),
                reading("p1", Timepoint.FOLLOW_UP, "2026-09-14", 20, subscales("3", "3"))));
        PersonFacts p2 = timeline("p2", List.of(registered("p2", "M"),
                referral("p2", AdvocacyType.COMMUNITY_CULTURALLY_SPECIFIC),
                new FirstContactMade("c-p2", "p2", LocalDate.parse("2026-01-15"), ContactMode.PHONE, 5),
                reading("p2", Timepoint.BASELINE, "2026-01-16", 14, subscales("2", "2")),
                reading("p2", Timepoint.FOLLOW_UP, "2026-09-16", 14, subscales("2.5", "2.2"))));
        PersonFacts p3 = timeline("p3", List.of(registered("p3", "A"), referral("p3", AdvocacyType.IMHA),
                new FirstContactMade("c-p3", "p3", LocalDate.parse("2026-01-20"), ContactMode.IN_PERSON, 10),
                reading("p3", Timepoint.BASELINE, "2026-01-21", 20, subscales("3", "3")),
                reading("p3", Timepoint.CLOSURE, "2026-05-21", 18, subscales("3", "2"))));
        return List.of(PersonProfile.of(p1), PersonProfile.of(p2), PersonProfile.of(p3));
    }

    private static String v(org.heard.reporting.disclosure.PublishedValue value) {
        return value.toCsv();
    }

    @Test
    void everyFigureOfASmallScenarioByHand() {
        CohortImpact impact = new CohortImpact(new Disclosure(new DisclosureRule(0, 1)));

        List<CohortImpact.Row> rows = impact.compute(scenario(), F, Map.of(), List.of("advocacyType"));

        assertThat(rows).hasSize(2);
        CohortImpact.Row community = rows.get(0);
        assertThat(community.group()).containsEntry("advocacyType", "COMMUNITY_CULTURALLY_SPECIFIC");
        assertThat(v(community.people())).isEqualTo("2");
        assertThat(v(community.assessedPeople())).isEqualTo("2");
        assertThat(v(community.assessments())).isEqualTo("5");
        assertThat(v(community.meanBaseline())).isEqualTo("13.00");            // (12 + 14) / 2
        assertThat(v(community.meanLatest())).isEqualTo("17.00");              // (20 + 14) / 2
        assertThat(v(community.meanChange())).isEqualTo("4.00");               // (8 + 0) / 2
        // sd of (8, 0) = sqrt(32) = 5.657; 1.96 × 5.657 / sqrt(2) = 7.84
        assertThat(v(community.changeCi95Low())).isEqualTo("-3.84");
        assertThat(v(community.changeCi95High())).isEqualTo("11.84");
        assertThat(v(community.improvedPercent())).isEqualTo("50.0");
        assertThat(v(community.unchangedPercent())).isEqualTo("50.0");
        assertThat(v(community.worsePercent())).isEqualTo("0.0");
        assertThat(v(community.forums())).isEqualTo("2");
        assertThat(v(community.tookPartPercent())).isEqualTo("50.0");
        assertThat(v(community.viewsTakenPercent())).isEqualTo("50.0");
        assertThat(community.outcomesByDomainAndPerspective()).hasSize(2);
        assertThat(v(community.outcomesByDomainAndPerspective().get("CARE_AND_TREATMENT/SERVICE_USER"))).isEqualTo("1");
        assertThat(v(community.outcomesByDomainAndPerspective().get("CARE_AND_TREATMENT/ADVOCATE"))).isEqualTo("1");
        assertThat(v(community.issuesResolved())).isEqualTo("1");
        assertThat(v(community.issuesAchievedPercent())).isEqualTo("100.0");
        assertThat(v(community.medianDaysToFirstContact())).isEqualTo("4.00"); // median of 3 and 5
        // p1: involvement and personal development each up by 1 at follow-up; p2 only one subscale by 0.5
        assertThat(v(community.transformational())).isEqualTo("1");

        CohortImpact.Row imha = rows.get(1);
        assertThat(imha.group()).containsEntry("advocacyType", "IMHA");
        assertThat(v(imha.meanChange())).isEqualTo("-2.00");
        assertThat(v(imha.worsePercent())).isEqualTo("100.0");
        assertThat(v(imha.medianDaysToFirstContact())).isEqualTo("10.00");
        assertThat(v(imha.transformational())).isEqualTo("0");
    }

    @Test
    void theStandardRuleHidesTheseSmallGroups() {
        CohortImpact impact = new CohortImpact(new Disclosure(DisclosureRule.standard()));

        CohortImpact.Row community = impact.compute(scenario(), F, Map.of(), List.of("advocacyType")).get(0);

        assertThat(v(community.people())).isEqualTo("*");
        assertThat(v(community.meanChange())).isEqualTo("*");
        assertThat(v(community.changeCi95Low())).isEqualTo("*");
        assertThat(v(community.improvedPercent())).isEqualTo("*");
        assertThat(v(community.medianDaysToFirstContact())).isEqualTo("*");
        // figures whose own counts would show are withheld too: the group they describe is too small
        assertThat(v(community.forums())).isEqualTo("*");
        assertThat(v(community.tookPartPercent())).isEqualTo("*");
        assertThat(community.outcomesByDomainAndPerspective().values()).allSatisfy(o -> assertThat(v(o)).isEqualTo("*"));
    }

    @Test
    void aSmallGroupWithManyForumsStillShowsNoShareOfThem() {
        CohortImpact impact = new CohortImpact(new Disclosure(DisclosureRule.standard()));
        PersonProfile busy = new PersonProfile("CAMHS", "WHITE", "16-17", "WOMAN", "NONE", "NO", "2026-Q1",
                LocalDate.parse("2026-01-10"), 3, List.of(), 12, 12, 12, Map.of(), 0, 0, java.util.Set.of());

        CohortImpact.Row row = impact.compute(List.of(busy), F, Map.of(), List.of()).get(0);

        assertThat(v(row.forums())).isEqualTo("*");
        assertThat(v(row.tookPartPercent())).isEqualTo("*");
    }

    @Test
    void profilesGroupByEthnicGroup() {
        assertThat(scenario()).extracting(PersonProfile::ethnicGroup).containsExactly("BLACK", "BLACK", "WHITE");
    }

    /**
     * Under the standard rule: three groups of 10 people with 8, 8 and 1 assessed would publish assessed people as 10,
     * 10 and "*" beside a total of 17 assessed (shown as 15) in the ungrouped query, pinning the "*" to 1. The margin
     * audit withholds a second group's count of assessed people, and what depends on it.
     */
    @Test
    void aCountThatTheTotalMinusOtherGroupsWouldPinIsProtectedColumnByColumn() {
        List<PersonProfile> profiles = new ArrayList<>();
        Map<String, Integer> assessedByType = new java.util.LinkedHashMap<>();
        assessedByType.put("CAMHS", 8);
        assessedByType.put("COMMUNITY", 8);
        assessedByType.put("IMHA", 1);
        assessedByType.forEach((type, assessed) -> {
            for (int i = 0; i < 10; i++) {
                List<PersonProfile.Reading> readings = i < assessed ? List.of(new PersonProfile.Reading(F, 1,
                        "BASELINE", LocalDate.parse("2026-01-10"), BigDecimal.TEN, Map.of())) : List.of();
                profiles.add(new PersonProfile(type, "BLACK", "25-34", "MAN", "DETAINED", "NO", "2026-Q1",
                        LocalDate.parse("2026-01-05"), null, readings, 0, 0, 0, Map.of(), 0, 0, java.util.Set.of()));
            }
        });
        CohortImpact standard = new CohortImpact(new org.heard.reporting.disclosure.Disclosure(
                org.heard.reporting.disclosure.DisclosureRule.standard()));

        List<CohortImpact.Row> rows = standard.compute(profiles, F, Map.of(), List.of("advocacyType"));
        CohortImpact.Row total = standard.compute(profiles, F, Map.of(), List.of()).get(0);

        assertThat(total.assessedPeople().toCsv()).isEqualTo("15");
        assertThat(rows).extracting(row -> row.people().toCsv()).containsExactly("10", "10", "10");
        assertThat(rows).extracting(row -> row.assessedPeople().toCsv()).containsExactly("*", "10", "*");
        assertThat(rows.get(0).meanBaseline().toCsv()).as("a mean over a withheld count").isEqualTo("*");
        assertThat(rows.get(1).meanBaseline().toCsv()).isEqualTo("10.00");
    }

    @Test
    void aWithheldGroupShowsEveryOutcomeColumnOfTheTableAndNoneOfItsFigures() {
        List<PersonProfile> profiles = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            profiles.add(new PersonProfile("IMHA", "BLACK", "25-34", "MAN", "DETAINED", "NO", "2026-Q1",
                    LocalDate.parse("2026-01-05"), null, List.of(), 0, 0, 0,
                    Map.of("CARE_AND_TREATMENT/SERVICE_USER", 1), 0, 0, java.util.Set.of()));
        }
        for (int i = 0; i < 2; i++) {
            profiles.add(new PersonProfile("CAMHS", "WHITE", "16-17", "WOMAN", "NONE", "NO", "2026-Q1",
                    LocalDate.parse("2026-01-05"), null, List.of(), 0, 0, 0, Map.of(), 0, 0, java.util.Set.of()));
        }
        CohortImpact standard = new CohortImpact(new Disclosure(DisclosureRule.standard()));

        List<CohortImpact.Row> rows = standard.compute(profiles, F, Map.of(), List.of("advocacyType"));

        CohortImpact.Row camhs = rows.get(0);
        assertThat(camhs.group()).containsEntry("advocacyType", "CAMHS");
        // the small group has no such outcome: neither a missing key nor a 0 may say so
        assertThat(camhs.outcomesByDomainAndPerspective()).containsOnlyKeys("CARE_AND_TREATMENT/SERVICE_USER");
        assertThat(v(camhs.outcomesByDomainAndPerspective().get("CARE_AND_TREATMENT/SERVICE_USER"))).isEqualTo("*");
        assertThat(v(rows.get(1).outcomesByDomainAndPerspective().get("CARE_AND_TREATMENT/SERVICE_USER")))
                .isEqualTo("10");
    }
}
