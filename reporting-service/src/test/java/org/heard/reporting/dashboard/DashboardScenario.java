package org.heard.reporting.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.heard.contracts.EventCatalogue;
import org.heard.contracts.HeardEvent;
import org.heard.contracts.SealedValue;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.LegalStatusRecorded;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.involvement.Forum;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.contracts.involvement.Participation;
import org.heard.contracts.involvement.ViewsTaken;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.Extent;
import org.heard.contracts.outcomes.FrameworkItemDefined;
import org.heard.contracts.outcomes.FrameworkPurpose;
import org.heard.contracts.outcomes.FrameworkVersionDrafted;
import org.heard.contracts.outcomes.FrameworkVersionPublished;
import org.heard.contracts.outcomes.GoalRated;
import org.heard.contracts.outcomes.GoalScale;
import org.heard.contracts.outcomes.GoalSet;
import org.heard.contracts.outcomes.ItemResponse;
import org.heard.contracts.outcomes.OutcomeDomain;
import org.heard.contracts.outcomes.OutcomeRecorded;
import org.heard.contracts.outcomes.Perspective;
import org.heard.contracts.outcomes.ReliableChangeBasis;
import org.heard.contracts.outcomes.ScoringRule;
import org.heard.contracts.outcomes.SystemicChangeAchieved;
import org.heard.contracts.outcomes.SystemicIssueLinkedToCase;
import org.heard.contracts.outcomes.SystemicIssueLogged;
import org.heard.contracts.outcomes.ImpactLevel;
import org.heard.contracts.outcomes.Timepoint;
import org.heard.kit.testing.TestKeys;

/**
 * A known scenario on a framework of its own ({@value #FRAMEWORK}, six items 1–5 in two subscales, published with a
 * declared basis for reliable change): 12 people in IMHA (shown) and 3 in CAMHS (too few: withheld), each assessed at
 * baseline, review and closure, with forums and outcomes from both perspectives; one of them on the caseload of
 * {@value #ADVOCATE} with goals, a legal status and a closure, for the person view. Synthetic: no personal data.
 */
final class DashboardScenario {

    static final String FRAMEWORK = "dashboard-test";
    static final String ADVOCATE = "advocate-dash";
    private static final SealedValue WORDS = new SealedValue(UUID.randomUUID().toString(), "c2VhbGVk");
    private static final String[] ITEMS = {"heard", "listened", "rights", "confident", "say", "hopeful"};

    final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    final String personOfAdvocate;

    DashboardScenario() {
        framework();
        String first = null;
        String caseWithChange = null;
        for (int i = 0; i < 15; i++) {
            AdvocacyType type = i < 12 ? AdvocacyType.IMHA : AdvocacyType.CAMHS;
            String person = UUID.randomUUID().toString();
            String caseId = person(person, type, i);
            if (i == 1) {
                first = person;
                caseWithChange = caseId;
                casework(person, caseId);
            }
        }
        personOfAdvocate = first;
        String issue = UUID.randomUUID().toString();
        add(new SystemicIssueLogged(issue, ImpactLevel.WARD, "leave", null, LocalDate.parse("2026-02-01")), "SystemicIssue",
                issue, 0, "2026-02-01");
        add(new SystemicIssueLinkedToCase(issue, caseWithChange, LocalDate.parse("2026-02-02")), "SystemicIssue", issue, 1,
                "2026-02-02");
        add(new SystemicChangeAchieved(issue, UUID.randomUUID().toString(), "Leave planned a week ahead",
                LocalDate.parse("2026-04-01")), "SystemicIssue", issue, 2, "2026-04-01");
    }

    private void framework() {
        add(new FrameworkVersionDrafted(FRAMEWORK, 1, "Dashboard test scale", FrameworkPurpose.EMPOWERMENT,
                ScoringRule.SUM, null), "EvaluationFramework", FRAMEWORK, 0, "2026-01-01");
        for (int i = 0; i < ITEMS.length; i++) {
            add(new FrameworkItemDefined(FRAMEWORK, 1, ITEMS[i], "Item " + i, 1, 5,
                    List.of("1", "2", "3", "4", "5"), i < 3 ? "involvement" : "confidence", false, i + 1),
                    "EvaluationFramework", FRAMEWORK, i + 1, "2026-01-01");
        }
        add(new FrameworkVersionPublished(FRAMEWORK, 1, LocalDate.parse("2026-01-02"), new ReliableChangeBasis(
                new BigDecimal("2.5"), new BigDecimal("0.85"), ReliableChangeBasis.ReliabilityCoefficient.CRONBACH_ALPHA,
                ReliableChangeBasis.ImprovementDirection.INCREASE, "Synthetic pilot for the dashboard test")),
                "EvaluationFramework", FRAMEWORK, 7, "2026-01-02");
    }

    /** A person referred on 2026-01-05 with three readings; returns their case. */
    private String person(String person, AdvocacyType type, int i) {
        String caseId = UUID.randomUUID().toString();
        add(new ReferralReceived(caseId, person, type, ReferralSource.PROFESSIONAL, LocalDate.parse("2026-01-05"), null,
                null, null, null, TestKeys.PROVIDER), "AdvocacyCase", caseId, 0, "2026-01-05");
        int baseline = 2 + i % 2;            // each item's value at baseline
        int review = baseline + i % 3 % 2;  // some rise by one per item (6 points) by review
        int closure = Math.min(5, baseline + (i % 4 == 0 ? 0 : 1 + i % 2));
        assess(person, caseId, Timepoint.BASELINE, "2026-01-06", baseline, i);
        assess(person, caseId, Timepoint.REVIEW, "2026-02-16", review, i);
        assess(person, caseId, Timepoint.CLOSURE, "2026-04-06", closure, i);
        for (int f = 0; f < 2; f++) {
            add(new InvolvementRecorded(caseId, person, UUID.randomUUID().toString(), Forum.WARD_ROUND,
                    LocalDate.parse("2026-01-20").plusDays(14L * f), List.of(),
                    f == 0 && i % 3 == 0 ? Participation.NOT_INVOLVED : Participation.SPOKE_FOR_THEMSELVES_WITH_SUPPORT,
                    i % 2 == 0 ? ViewsTaken.YES : ViewsTaken.NO, 30, null), "AdvocacyCase", caseId, 1 + f,
                    "2026-01-" + (20 + f));
        }
        for (Perspective perspective : Perspective.values()) {
            String outcome = UUID.randomUUID().toString();
            add(new OutcomeRecorded(outcome, person, caseId, i % 2 == 0 ? OutcomeDomain.CARE_AND_TREATMENT
                    : OutcomeDomain.INVOLVEMENT_IN_DECISIONS, "x", WORDS, perspective, Extent.SOME, Extent.SOME,
                    List.of(), LocalDate.parse("2026-03-01")), "Outcome", outcome, 0, "2026-03-01");
        }
        return caseId;
    }

    /** Every item answered alike (one item one point lower on odd people, so the items vary). */
    private void assess(String person, String caseId, Timepoint timepoint, String on, int value, int i) {
        List<ItemResponse> responses = new ArrayList<>();
        Map<String, int[]> subscales = new LinkedHashMap<>();
        int total = 0;
        for (int item = 0; item < ITEMS.length; item++) {
            int v = Math.max(1, value - (item == 5 && i % 2 == 1 ? 1 : 0));
            responses.add(new ItemResponse(ITEMS[item], v));
            total += v;
            int[] acc = subscales.computeIfAbsent(item < 3 ? "involvement" : "confidence", s -> new int[2]);
            acc[0] += v;
            acc[1]++;
        }
        Map<String, BigDecimal> means = new LinkedHashMap<>();
        subscales.forEach((name, acc) -> means.put(name, BigDecimal.valueOf(acc[0])
                .divide(BigDecimal.valueOf(acc[1]), 3, RoundingMode.HALF_UP)));
        String assessment = UUID.randomUUID().toString();
        add(new AssessmentCompleted(assessment, person, caseId, FRAMEWORK, 1, timepoint, BigDecimal.valueOf(total),
                LocalDate.parse(on), null, responses, means), "Assessment", assessment, 0, on);
    }

    /** The person view's person: on the advocate's caseload, with a legal status, two goals and a closure. */
    private void casework(String person, String caseId) {
        add(new AdvocateAssigned(caseId, person, ADVOCATE, TestKeys.TEAM), "AdvocacyCase", caseId, 10, "2026-01-05");
        add(new LegalStatusRecorded(caseId, person, "03", LocalDate.parse("2026-01-08"), null, true), "AdvocacyCase",
                caseId, 11, "2026-01-08");
        String gbo = UUID.randomUUID().toString();
        add(new GoalSet(gbo, person, caseId, OutcomeDomain.PERSONAL_DEVELOPMENT, WORDS, GoalScale.GOAL_BASED_OUTCOMES,
                LocalDate.parse("2026-01-07")), "Goal", gbo, 0, "2026-01-07");
        add(new GoalRated(gbo, person, 3, Perspective.SERVICE_USER, LocalDate.parse("2026-01-07")), "Goal", gbo, 1,
                "2026-01-07");
        add(new GoalRated(gbo, person, 7, Perspective.SERVICE_USER, LocalDate.parse("2026-03-30")), "Goal", gbo, 2,
                "2026-03-30");
        String gas = UUID.randomUUID().toString();
        add(new GoalSet(gas, person, caseId, OutcomeDomain.INVOLVEMENT_IN_DECISIONS, WORDS,
                GoalScale.GOAL_ATTAINMENT_SCALING, LocalDate.parse("2026-01-07")), "Goal", gas, 0, "2026-01-07");
        add(new GoalRated(gas, person, -1, Perspective.ADVOCATE, LocalDate.parse("2026-01-07")), "Goal", gas, 1,
                "2026-01-07");
        add(new GoalRated(gas, person, 1, Perspective.ADVOCATE, LocalDate.parse("2026-03-30")), "Goal", gas, 2,
                "2026-03-30");
        add(new CaseClosed(caseId, person, ClosureReason.GOALS_MET, LocalDate.parse("2026-04-10")), "AdvocacyCase",
                caseId, 12, "2026-04-10");
    }

    private void add(HeardEvent event, String aggregateType, String aggregateId, long sequence, String day) {
        EventEnvelope envelope = EventEnvelope.wrap(event, UUID.randomUUID().toString(), URI.create("/heard/test"),
                aggregateType, aggregateId, sequence, OffsetDateTime.of(LocalDate.parse(day).atTime(9, 0),
                        ZoneOffset.UTC), "c");
        records.add(EnvelopeCodec.toRecord(EventCatalogue.byType(envelope.type()).orElseThrow().topic(), envelope));
    }
}
