package org.heard.reporting.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.envelope.EventEnvelope;
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

    private static EventEnvelope envelope(HeardEvent event, long sequence) {
        return EventEnvelope.wrap(event, UUID.randomUUID().toString(), URI.create("/test"), "SystemicIssue", "s",
                sequence, OffsetDateTime.parse("2026-03-01T09:00:00Z"), null);
    }

    @Test
    void casesAreLinkedOnceChangesAccumulateAndRepeatsChangeNothing() {
        WiderImpact view = WiderImpact.empty("s")
                .apply(envelope(new SystemicIssueLogged("s", ImpactLevel.WARD, "leave", null,
                        LocalDate.parse("2026-03-01")), 0))
                .apply(envelope(new SystemicIssueLinkedToCase("s", "c1", LocalDate.parse("2026-03-02")), 1))
                .apply(envelope(new SystemicIssueLinkedToCase("s", "c2", LocalDate.parse("2026-03-02")), 2))
                .apply(envelope(new SystemicChangeAchieved("s", "x", "Leave planned ahead",
                        LocalDate.parse("2026-05-01")), 3));
        WiderImpact again = view.apply(envelope(new SystemicIssueLinkedToCase("s", "c3", LocalDate.parse("2026-03-02")),
                2));

        assertThat(view.caseIds()).containsExactly("c1", "c2");
        assertThat(view.changes()).hasSize(1);
        assertThat(view.theme()).isEqualTo("leave");
        assertThat(again).isSameAs(view);
    }

    @Test
    void aPersonalOutcomeOnACaseLinkedToAnAchievedSystemicChangeIsTransformational() {
        CohortImpact impact = new CohortImpact(new Disclosure(new DisclosureRule(0, 1)));
        PersonProfile withOutcome = new PersonProfile("IMHA", "BLACK", "25-34", "MAN", "DETAINED", "NO", "2026-Q1",
                LocalDate.parse("2026-01-10"), 3, List.of(), 0, 0, 0, Map.of("CARE_AND_TREATMENT/SERVICE_USER", 1), 0, 0,
                Set.of("c1"));
        PersonProfile withoutOutcome = new PersonProfile("IMHA", "BLACK", "25-34", "MAN", "DETAINED", "NO", "2026-Q1",
                LocalDate.parse("2026-01-10"), 3, List.of(), 0, 0, 0, Map.of(), 0, 0, Set.of("c2"));

        CohortImpact.Row row = impact.compute(List.of(withOutcome, withoutOutcome), "heard-empowerment", Map.of(),
                List.of(), Set.of("c1", "c2")).get(0);

        assertThat(row.transformational().toCsv()).isEqualTo("1");
    }
}
