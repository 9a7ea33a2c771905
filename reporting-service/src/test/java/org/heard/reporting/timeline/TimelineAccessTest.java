package org.heard.reporting.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.heard.contracts.SealedValue;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.ConsentGiven;
import org.heard.contracts.cases.ConsentScope;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.outcomes.Extent;
import org.heard.contracts.outcomes.GoalRated;
import org.heard.contracts.outcomes.GoalScale;
import org.heard.contracts.outcomes.GoalSet;
import org.heard.contracts.outcomes.OutcomeDomain;
import org.heard.contracts.outcomes.OutcomeRecorded;
import org.heard.contracts.outcomes.Perspective;
import org.heard.contracts.persons.AccessGranted;
import org.heard.contracts.persons.AccessReason;
import org.heard.kit.access.AccessProperties;
import org.heard.kit.access.CaseAccess;
import org.heard.kit.security.Caller;
import org.heard.reporting.cohort.PersonFacts;
import org.heard.reporting.cohort.PersonProfile;
import org.heard.reporting.projection.ProjectedEvent;
import org.heard.reporting.projection.TestEvents;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

/**
 * A person with a case at provider A (advocate a1, team red: an outcome and a goal with a rating on it) and a later
 * case at provider B (advocate b1), as an attacker at B who referred the person to get at A's record meets it.
 */
class TimelineAccessTest {

    private static final String PERSON = "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e";
    private static final String CASE_A = "6f1d7c2e-4b4a-4e57-9a53-2a8f0c1d9b10";
    private static final String CASE_B = "7a2e8d3f-5c5b-4f68-8b64-3b9f1d2e0c21";
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final CaseAccess ACCESS = new CaseAccess(new AccessProperties(Set.of("provider-a"), null,
            Duration.ofHours(1)));

    private static Caller advocate(String subject, String provider, String team) {
        return new Caller(subject, Set.of(Caller.ADVOCATE), null, provider, team);
    }

    private static final List<ProjectedEvent> EVENTS = List.of(
            TestEvents.event(new ConsentGiven(PERSON, ConsentScope.CASEWORK, LocalDate.parse("2026-03-01")), PERSON,
                    1, "2026-03-01T09:00:00Z"),
            TestEvents.event(new ReferralReceived(CASE_A, PERSON, AdvocacyType.IMHA, ReferralSource.SELF,
                    LocalDate.parse("2026-03-02"), null, null, null, null, "provider-a"), CASE_A, 0,
                    "2026-03-02T09:00:00Z"),
            TestEvents.event(new AdvocateAssigned(CASE_A, PERSON, "a1", "red"), CASE_A, 2, "2026-03-03T09:00:00Z"),
            TestEvents.event(new OutcomeRecorded("o1", PERSON, CASE_A, OutcomeDomain.CARE_AND_TREATMENT, "leave",
                    null, Perspective.ADVOCATE, Extent.SOME, Extent.SOME, List.of(), LocalDate.parse("2026-03-04")),
                    "o1", 0, "2026-03-04T09:00:00Z"),
            TestEvents.event(new GoalSet("g1", PERSON, CASE_A, OutcomeDomain.PERSONAL_DEVELOPMENT,
                    new SealedValue("k", "Z29hbA=="), GoalScale.GOAL_BASED_OUTCOMES, LocalDate.parse("2026-03-04")),
                    "g1", 0, "2026-03-04T10:00:00Z"),
            TestEvents.event(new GoalRated("g1", PERSON, 5, Perspective.SERVICE_USER, LocalDate.parse("2026-03-05")),
                    "g1", 1, "2026-03-05T09:00:00Z"),
            TestEvents.event(new ReferralReceived(CASE_B, PERSON, AdvocacyType.IMHA, ReferralSource.SELF,
                    LocalDate.parse("2026-05-02"), null, null, null, null, "provider-b"), CASE_B, 0,
                    "2026-05-02T09:00:00Z"),
            TestEvents.event(new AdvocateAssigned(CASE_B, PERSON, "b1", "red"), CASE_B, 2, "2026-05-03T09:00:00Z"));

    private static PersonTimeline timeline(List<ProjectedEvent> events) {
        return TimelineProjection.applyAll(PersonTimeline.empty(PERSON), events);
    }

    private static List<String> aggregates(TimelineAccess.Visible visible) {
        return visible.timeline().entries().stream().map(PersonTimeline.Entry::aggregateId).toList();
    }

    @Test
    void theAdvocateOfAnotherProvidersCaseSeesTheirCaseAndThePersonLevelEventsOnly() {
        TimelineAccess.Visible visible = TimelineAccess.of(advocate("b1", "provider-b", "red"), timeline(EVENTS),
                ACCESS, NOW);
        assertThat(aggregates(visible)).containsExactly(PERSON, CASE_B, CASE_B);
        assertThat(visible.purpose()).isEqualTo("casework");
    }

    @Test
    void theHoldingAdvocateSeesTheirCaseWithItsOutcomesAndGoalRatingsButNotTheOtherProvidersCase() {
        TimelineAccess.Visible visible = TimelineAccess.of(advocate("a1", "provider-a", "red"), timeline(EVENTS),
                ACCESS, NOW);
        assertThat(aggregates(visible)).containsExactly(PERSON, CASE_A, CASE_A, "o1", "g1", "g1");
    }

    @Test
    void theSameStaffIdAtAnotherProviderOrAColleagueOutsideTheTeamSeesNothing() {
        for (Caller caller : List.of(advocate("a1", "provider-c", "red"), advocate("a2", "provider-a", "blue"),
                advocate("b2", "provider-b", "red"), advocate("a1", null, null))) {
            assertThatThrownBy(() -> TimelineAccess.of(caller, timeline(EVENTS), ACCESS, NOW))
                    .as(caller.subject() + " at " + caller.providerId()).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void aTeamSeesItsCasesWhereTheProviderSharesByTeam() {
        // provider-a shares caseloads by team (ACCESS); provider-b does not
        assertThat(aggregates(TimelineAccess.of(advocate("a2", "provider-a", "red"), timeline(EVENTS), ACCESS, NOW)))
                .contains(CASE_A).doesNotContain(CASE_B);
    }

    @Test
    void anUnexpiredGrantShowsTheWholeRecordAndAnExpiredOneNothing() {
        List<ProjectedEvent> granted = new java.util.ArrayList<>(EVENTS);
        granted.add(TestEvents.event(new AccessGranted("grant-1", PERSON, "c1", "provider-c",
                AccessReason.SAFEGUARDING, new SealedValue("k", "d2h5"), NOW.plusSeconds(60)), PERSON, 2,
                "2026-06-01T11:59:00Z"));
        TimelineAccess.Visible visible = TimelineAccess.of(advocate("c1", "provider-c", null), timeline(granted),
                ACCESS, NOW);
        assertThat(visible.timeline().entries()).hasSize(granted.size());
        assertThat(visible.purpose()).isEqualTo("access-grant/grant-1");
        assertThatThrownBy(() -> TimelineAccess.of(advocate("c1", "provider-c", null), timeline(granted), ACCESS,
                NOW.plusSeconds(61))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> TimelineAccess.of(advocate("c1", "provider-d", null), timeline(granted), ACCESS,
                NOW)).as("a grant is to the advocate at their provider").isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void thePersonSeesAllOfItAndNobodyElseDoes() {
        assertThat(TimelineAccess.of(new Caller("su", Set.of(Caller.SERVICE_USER), PERSON), timeline(EVENTS),
                ACCESS, NOW).timeline().entries()).hasSize(EVENTS.size());
        assertThatThrownBy(() -> TimelineAccess.of(new Caller("su", Set.of(Caller.SERVICE_USER),
                "1c8f5b9d-62a3-4d4e-9f7b-0e2a3c4d5e6f"), timeline(EVENTS), ACCESS, NOW))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> TimelineAccess.of(new Caller("an", Set.of(Caller.ANALYST), null, "provider-a",
                "red"), timeline(EVENTS), ACCESS, NOW)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void providerAndTeamAreCohortDimensionsOfTheFirstCountedReferral() {
        PersonProfile profile = PersonProfile.of(PersonFacts.of(EVENTS), null, false);
        assertThat(profile.dimension("provider")).isEqualTo("provider-a");
        assertThat(profile.dimension("team")).isEqualTo("red");
        assertThat(profile.referrals()).extracting(r -> r.dimension("provider"))
                .containsExactly("provider-a", "provider-b");
        PersonProfile beforeProviders = PersonProfile.of(PersonFacts.of(List.of(TestEvents.event(
                new ReferralReceived(CASE_A, PERSON, AdvocacyType.IMHA, ReferralSource.SELF,
                        LocalDate.parse("2026-03-02"), null, null, null, null), CASE_A, 0, "2026-03-02T09:00:00Z"))),
                null, false);
        assertThat(beforeProviders.dimension("provider")).isEqualTo(PersonProfile.UNKNOWN);
        assertThat(beforeProviders.dimension("team")).isEqualTo(PersonProfile.UNASSIGNED);
    }
}
