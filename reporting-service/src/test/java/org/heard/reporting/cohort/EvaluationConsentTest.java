package org.heard.reporting.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ConsentGiven;
import org.heard.contracts.cases.ConsentScope;
import org.heard.contracts.cases.ConsentWithdrawn;
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
import org.heard.reporting.projection.ProjectedEvent;
import org.heard.reporting.projection.TestEvents;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The consent rule by business date, worked by hand: Dee withdraws consent to evaluation on 2026-08-24 and gives it
 * again on 2026-10-01. Everything dated before the withdrawal, or on or after consent was given again, counts; what is
 * dated in between does not. Events are recorded (event time) on arbitrary later days, to show that the event time
 * does not decide.
 */
class EvaluationConsentTest {

    private static final String DEE = "dee";
    private static final String CASE_1 = "case-1";
    private static final String CASE_2 = "case-2";
    private static final String F = "heard-empowerment";

    private final List<ProjectedEvent> events = new ArrayList<>();
    private int recorded;

    private void on(HeardEvent event, String aggregate, long sequence) {
        // recorded on day N of December, whatever the business date says
        events.add(TestEvents.event(event, aggregate, sequence, String.format("2026-11-%02dT09:00:00Z", 1 + recorded++)));
    }

    private void scenario(boolean consentGivenAgain) {
        on(new PersonRegistered(DEE, null, null, null, null,
                new EqualityDetails("N", "25-34", Gender.WOMAN, "en", false, List.of())), DEE, 0);
        on(new ReferralReceived(CASE_1, DEE, AdvocacyType.COMMUNITY_CULTURALLY_SPECIFIC, ReferralSource.SELF,
                LocalDate.parse("2026-01-10"), null, null, null, null), CASE_1, 0);
        on(reading("r1", Timepoint.BASELINE, "2026-08-01", 12), "r1", 0);          // before: counts
        on(involvement("i1", "2026-08-20"), CASE_1, 1);                             // before: counts
        on(new ConsentWithdrawn(DEE, ConsentScope.EVALUATION, LocalDate.parse("2026-08-24")), DEE, 1);
        on(reading("r2", Timepoint.REVIEW, "2026-08-24", 14), "r2", 0);            // on the day: out
        on(involvement("i2", "2026-09-01"), CASE_1, 2);                             // inside: out
        on(new OutcomeRecorded("o1", DEE, CASE_1, OutcomeDomain.CARE_AND_TREATMENT, "x", null,
                Perspective.SERVICE_USER, Extent.SOME, Extent.SOME, List.of(), LocalDate.parse("2026-09-02")),
                "o1", 0);                                                           // inside: out
        on(new ReferralReceived(CASE_2, DEE, AdvocacyType.IMHA, ReferralSource.PROFESSIONAL,
                LocalDate.parse("2026-09-05"), null, null, null, null), CASE_2, 0); // inside: out
        if (consentGivenAgain) {
            on(new ConsentGiven(DEE, ConsentScope.EVALUATION, LocalDate.parse("2026-10-01")), DEE, 2);
        }
        on(reading("r3", Timepoint.CLOSURE, "2026-10-01", 18), "r3", 0);           // given again that day: counts
        on(new IssueResolved(CASE_1, DEE, "issue-1", IssueResolution.ACHIEVED, LocalDate.parse("2026-10-05")),
                CASE_1, 3);                                                         // after: counts
    }

    private static AssessmentCompleted reading(String id, Timepoint timepoint, String on, int score) {
        return new AssessmentCompleted(id, DEE, CASE_1, F, 1, timepoint, BigDecimal.valueOf(score),
                LocalDate.parse(on), null, List.of(), Map.of());
    }

    private static InvolvementRecorded involvement(String id, String heldOn) {
        return new InvolvementRecorded(CASE_1, DEE, id, Forum.WARD_ROUND, LocalDate.parse(heldOn), List.of(),
                Participation.SPOKE_FOR_THEMSELVES_WITH_SUPPORT, ViewsTaken.YES, 30, null);
    }

    @Test
    void dataDatedInsideTheWindowLeavesTheFiguresAndTheRestStays() {
        scenario(true);

        PersonProfile dee = PersonProfile.of(PersonFacts.of(events));

        assertThat(dee.readings()).extracting(PersonProfile.Reading::on)
                .containsExactly(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-10-01"));
        assertThat(dee.forums()).isEqualTo(1);
        assertThat(dee.outcomes()).isEmpty();
        assertThat(dee.issuesResolved()).isEqualTo(1);
        assertThat(dee.referrals()).extracting(PersonProfile.Referral::caseId).containsExactly(CASE_1);
        assertThat(dee.caseIds()).containsExactly(CASE_1);
        // categories are who she is, not data dated in the window: no UNKNOWN / NOT_KNOWN phantom
        assertThat(dee.advocacyType()).isEqualTo("COMMUNITY_CULTURALLY_SPECIFIC");
        assertThat(dee.ethnicGroup()).isEqualTo("BLACK");
        assertThat(dee.gender()).isEqualTo("WOMAN");
        assertThat(dee.evaluationWithdrawn()).isFalse();
    }

    @Test
    void whileConsentIsWithdrawnLaterDataStaysOutAndSheLeavesPersonLevelRows() {
        scenario(false);

        PersonProfile dee = PersonProfile.of(PersonFacts.of(events));

        assertThat(dee.readings()).extracting(PersonProfile.Reading::on).containsExactly(LocalDate.parse("2026-08-01"));
        assertThat(dee.issuesResolved()).isZero();
        assertThat(dee.evaluationWithdrawn()).isTrue();
    }

    @Test
    void theOrderTheEventsArriveInDoesNotMatter() {
        scenario(true);
        PersonFacts inOrder = PersonFacts.of(events);
        List<ProjectedEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(24));
        PersonFacts folded = PersonFacts.empty();
        for (ProjectedEvent event : shuffled) {
            folded = PersonFacts.apply(PersonFacts.apply(folded, event), event);
        }

        assertThat(folded).isEqualTo(inOrder);
        assertThat(PersonProfile.of(folded)).isEqualTo(PersonProfile.of(inOrder));
    }

    @Test
    void aPersonWhoseOnlyReferralIsInsideTheWindowIsInNoFigure() {
        on(new PersonRegistered("eve", null, null, null, null, null), "eve", 0);
        on(new ConsentWithdrawn("eve", ConsentScope.EVALUATION, LocalDate.parse("2026-03-01")), "eve", 1);
        on(new ReferralReceived("case-e", "eve", AdvocacyType.IMHA, ReferralSource.SELF,
                LocalDate.parse("2026-03-02"), null, null, null, null), "case-e", 0);

        assertThat(PersonProfile.of(PersonFacts.of(events))).isNull();
    }

    @Test
    void asOfADateOnlyWhatWasRecordedByThenCounts() {
        scenario(true);
        // the withdrawal was recorded on 2026-11-05 (event time): as of the 4th it was not known yet
        PersonProfile asOf = PersonProfile.of(PersonFacts.of(events), LocalDate.parse("2026-11-04"), true);

        assertThat(asOf.readings()).extracting(PersonProfile.Reading::on).containsExactly(LocalDate.parse("2026-08-01"));
        assertThat(asOf.forums()).isEqualTo(1);
        assertThat(asOf.evaluationWithdrawn()).isFalse();
    }

    @Nested
    class InTheCohortTable {

        @Test
        void sheCountsOnceWithHerReadingsFromOutsideTheWindow() {
            scenario(true);
            CohortImpact impact = new CohortImpact(new Disclosure(new DisclosureRule(0, 1)));

            CohortImpact.Row row = impact.compute(List.of(PersonProfile.of(PersonFacts.of(events))), F, Map.of(),
                    List.of("advocacyType")).get(0);

            assertThat(row.group()).containsEntry("advocacyType", "COMMUNITY_CULTURALLY_SPECIFIC");
            assertThat(row.people().toCsv()).isEqualTo("1");
            assertThat(row.assessments().toCsv()).isEqualTo("2");
            assertThat(row.meanBaseline().toCsv()).isEqualTo("12.00");
            assertThat(row.meanLatest().toCsv()).isEqualTo("18.00");
            assertThat(row.meanChange().toCsv()).isEqualTo("6.00");
            assertThat(row.forums().toCsv()).isEqualTo("1");
            assertThat(row.issuesResolved().toCsv()).isEqualTo("1");
        }
    }
}
