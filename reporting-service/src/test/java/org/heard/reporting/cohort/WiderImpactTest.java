package org.heard.reporting.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.heard.contracts.HeardEvent;
import org.heard.reporting.projection.ProjectedEvent;
import org.heard.reporting.projection.TestEvents;
import org.heard.contracts.outcomes.ImpactLevel;
import org.heard.contracts.outcomes.SystemicChangeAchieved;
import org.heard.contracts.outcomes.SystemicIssueLinkedToCase;
import org.heard.contracts.outcomes.SystemicIssueLogged;
import org.heard.reporting.disclosure.Disclosure;
import org.heard.reporting.disclosure.DisclosureRule;
import org.heard.reporting.wider.WiderImpact;
import org.junit.jupiter.api.Test;

/** The wider-impact rule, and the systemic half of transformational impact. */
class WiderImpactTest {

    private static ProjectedEvent envelope(HeardEvent event, long sequence) {
        return TestEvents.event(event, "s", sequence, "2026-03-01T09:00:00Z");
    }

    @Test
    void casesAreLinkedOnceChangesAccumulateAndRepeatsOrOtherOrdersChangeNothing() {
        List<ProjectedEvent> events = List.of(
                envelope(new SystemicIssueLogged("s", ImpactLevel.WARD, "leave", null, LocalDate.parse("2026-03-01")), 0),
                envelope(new SystemicIssueLinkedToCase("s", "c2", LocalDate.parse("2026-03-02")), 1),
                envelope(new SystemicIssueLinkedToCase("s", "c1", LocalDate.parse("2026-03-02")), 2),
                envelope(new SystemicChangeAchieved("s", "x", "Leave planned ahead", LocalDate.parse("2026-05-01")), 3));
        WiderImpact view = WiderImpact.empty("s");
        for (ProjectedEvent event : events) {
            view = view.apply(event);
        }
        WiderImpact backwardsTwice = WiderImpact.empty("s");
        for (int i = events.size() - 1; i >= 0; i--) {
            backwardsTwice = backwardsTwice.apply(events.get(i)).apply(events.get(i));
        }

        assertThat(view.caseIds()).containsExactly("c1", "c2");
        assertThat(view.changes()).hasSize(1);
        assertThat(view.theme()).isEqualTo("leave");
        assertThat(backwardsTwice).isEqualTo(view);
    }

    @Test
    void aPersonalOutcomeOnACaseLinkedToAnAchievedSystemicChangeIsTransformational() {
        CohortImpact impact = new CohortImpact(new Disclosure(new DisclosureRule(0, 1)));
        PersonProfile withOutcome = new PersonProfile("IMHA", "BLACK", "25-34", "MAN", "DETAINED", "NO", "2026-Q1",
                LocalDate.parse("2026-01-10"), 3, List.of(), 0, 0, 0, Map.of("CARE_AND_TREATMENT/SERVICE_USER", 1), 0, 0,
                Set.of("c1"), Set.of("c1"));
        PersonProfile withoutOutcome = new PersonProfile("IMHA", "BLACK", "25-34", "MAN", "DETAINED", "NO", "2026-Q1",
                LocalDate.parse("2026-01-10"), 3, List.of(), 0, 0, 0, Map.of(), 0, 0, Set.of("c2"));

        CohortImpact.Row row = impact.compute(List.of(withOutcome, withoutOutcome), "heard-empowerment", Map.of(),
                List.of(), Set.of("c1", "c2")).get(0);

        assertThat(row.transformational().toCsv()).isEqualTo("1");
    }
}
