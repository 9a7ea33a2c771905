package org.heard.outcomes.assessment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.heard.contracts.outcomes.AssessmentCompleted;
import java.util.List;
import java.util.Map;

import org.heard.contracts.outcomes.CompletedBy;
import org.heard.contracts.outcomes.ItemResponse;
import org.heard.contracts.outcomes.Timepoint;
import org.heard.kit.web.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssessmentTest {

    private static final String ASSESSMENT = "a3c9e1f0-7d2b-4f6e-8c1a-5b4d3e2f1a09";
    private static final String PERSON = "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e";
    private static final String CASE = "6f1d7c2e-4b4a-4e57-9a53-2a8f0c1d9b10";

    private static final List<ItemResponse> RESPONSES = List.of(new ItemResponse("hopeful", 4));

    private FixtureConfiguration<Assessment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Assessment.class);
        fixture.registerInjectableResource(
                Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneId.of("Europe/London")));
    }

    @Test
    void aCompletedAssessmentIsRecordedWithItsScore() {
        LocalDate on = LocalDate.parse("2026-06-15");
        fixture.givenNoPriorActivity()
                .when(new RecordAssessment(ASSESSMENT, PERSON, CASE, "heard-empowerment", 1, Timepoint.BASELINE,
                        new BigDecimal("21"), on, CompletedBy.SELF, RESPONSES, Map.of()))
                .expectEvents(new AssessmentCompleted(ASSESSMENT, PERSON, CASE, "heard-empowerment", 1,
                        Timepoint.BASELINE, new BigDecimal("21"), on, CompletedBy.SELF, RESPONSES, Map.of()));
    }

    @Test
    void anAssessmentCannotBeDatedInTheFuture() {
        fixture.givenNoPriorActivity()
                .when(new RecordAssessment(ASSESSMENT, PERSON, CASE, "heard-empowerment", 1, Timepoint.REVIEW,
                        new BigDecimal("21"), LocalDate.parse("2026-06-16"), CompletedBy.SELF, RESPONSES, Map.of()))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }
}
