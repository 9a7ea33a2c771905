package org.heard.reporting.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.outcomes.Extent;
import org.heard.contracts.outcomes.OutcomeDomain;
import org.heard.contracts.outcomes.OutcomeRecorded;
import org.heard.contracts.outcomes.Perspective;
import org.heard.reporting.disclosure.Disclosure;
import org.heard.reporting.disclosure.DisclosureRule;
import org.heard.reporting.projection.ProjectedEvent;
import org.heard.reporting.projection.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * Transformational impact through wider impact is per case: a personal outcome on a case that is itself linked to a
 * systemic issue on which a change was achieved. Not any outcome of the person beside any linked case of theirs.
 */
class TransformationalImpactTest {

    private static final CohortImpact IMPACT = new CohortImpact(new Disclosure(new DisclosureRule(0, 1)));

    /** A person with two cases (c1, c2) and outcomes on the cases given, in the domain given. */
    private static PersonProfile person(OutcomeDomain domain, String... outcomeCases) {
        List<HeardEvent> events = new ArrayList<>(List.of(
                new ReferralReceived("c1", "p", AdvocacyType.IMHA, ReferralSource.SELF, LocalDate.parse("2026-01-05"),
                        null, null, null, null),
                new ReferralReceived("c2", "p", AdvocacyType.IMHA, ReferralSource.SELF, LocalDate.parse("2026-02-05"),
                        null, null, null, null)));
        for (String caseId : outcomeCases) {
            events.add(new OutcomeRecorded("o-" + caseId, "p", caseId, domain, "x", null, Perspective.SERVICE_USER,
                    Extent.SOME, Extent.SOME, List.of(), LocalDate.parse("2026-03-01")));
        }
        List<ProjectedEvent> projected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            projected.add(TestEvents.event(events.get(i), "a" + i, 0, Instant.parse("2026-03-01T09:00:00Z")
                    .plusSeconds(i)));
        }
        return PersonProfile.of(PersonFacts.of(projected));
    }

    private static String transformational(PersonProfile person) {
        return IMPACT.compute(List.of(person), "heard-empowerment", Map.of(), List.of(), Set.of("c2"), Map.of())
                .get(0).transformational().toCsv();
    }

    @Test
    void anOutcomeOnOneCaseAndASystemicChangeOnAnotherIsNotTransformational() {
        assertThat(transformational(person(OutcomeDomain.CARE_AND_TREATMENT, "c1"))).isEqualTo("0");
    }

    @Test
    void aPersonalOutcomeOnTheCaseLinkedToTheChangeIsTransformational() {
        assertThat(transformational(person(OutcomeDomain.CARE_AND_TREATMENT, "c2"))).isEqualTo("1");
    }

    @Test
    void aWiderImpactOutcomeIsNotAPersonalOutcome() {
        assertThat(transformational(person(OutcomeDomain.WIDER_IMPACT, "c2"))).isEqualTo("0");
    }
}
