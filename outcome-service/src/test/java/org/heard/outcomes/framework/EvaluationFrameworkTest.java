package org.heard.outcomes.framework;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.heard.contracts.outcomes.CoDesignReviewRecorded;
import org.heard.contracts.outcomes.FrameworkItemDefined;
import org.heard.contracts.outcomes.FrameworkPurpose;
import org.heard.contracts.outcomes.FrameworkVersionDrafted;
import org.heard.contracts.outcomes.FrameworkVersionPublished;
import org.heard.contracts.outcomes.FrameworkVersionRetired;
import org.heard.contracts.outcomes.ReviewerRole;
import org.heard.contracts.outcomes.ScoringRule;
import org.heard.contracts.outcomes.Verdict;
import org.heard.kit.web.RuleViolation;
import org.heard.outcomes.framework.FrameworkCommands.DefineItem;
import org.heard.outcomes.framework.FrameworkCommands.DraftFramework;
import org.heard.outcomes.framework.FrameworkCommands.DraftNewVersion;
import org.heard.outcomes.framework.FrameworkCommands.PublishVersion;
import org.heard.outcomes.framework.FrameworkCommands.RecordReview;
import org.heard.outcomes.framework.FrameworkCommands.RetireVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The co-design lifecycle of an evaluation framework, and its publication gate. */
class EvaluationFrameworkTest {

    private static final String F = "wellbeing-check";
    private static final LocalDate DAY = LocalDate.parse("2026-02-10");
    private static final List<String> LABELS = List.of("Never", "Rarely", "Sometimes", "Often", "Always");

    private FixtureConfiguration<EvaluationFramework> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EvaluationFramework.class);
        fixture.registerInjectableResource(
                java.time.Clock.fixed(java.time.Instant.parse("2026-06-15T12:00:00Z"), java.time.ZoneId.of("Europe/London")));
    }

    private static FrameworkVersionDrafted drafted() {
        return new FrameworkVersionDrafted(F, 1, "Wellbeing check", FrameworkPurpose.WELLBEING, ScoringRule.MEAN, null);
    }

    private static FrameworkItemDefined item(String id, int revision) {
        return new FrameworkItemDefined(F, 1, id, "Wording of " + id, 1, 5, LABELS, null, false, revision);
    }

    private static CoDesignReviewRecorded review(ReviewerRole role, Verdict verdict, int revision) {
        return new CoDesignReviewRecorded(F, 1, revision, role, verdict, null, DAY);
    }

    @Test
    void aFrameworkIsDraftedAndItsItemsDefinedWithARisingRevision() {
        fixture.givenNoPriorActivity()
                .when(new DraftFramework(F, "Wellbeing check", FrameworkPurpose.WELLBEING, ScoringRule.MEAN))
                .expectEvents(drafted());
        fixture.given(drafted(), item("calm", 1))
                .when(new DefineItem(F, 1, "sleep", "Wording of sleep", 1, 5, LABELS, null, false))
                .expectEvents(item("sleep", 2));
    }

    @Test
    void anItemNeedsASensibleScaleAndOneLabelPerPoint() {
        fixture.given(drafted())
                .when(new DefineItem(F, 1, "calm", "x", 5, 1, List.of(), null, false))
                .expectException(RuleViolation.class);
        fixture.given(drafted())
                .when(new DefineItem(F, 1, "calm", "x", 1, 5, List.of("a", "b"), null, false))
                .expectExceptionMessage("give one label per scale point, or none");
    }

    @Test
    void aVersionIsPublishedOnlyWithAServiceUserPanelEndorsementOfThatExactVersion() {
        fixture.given(drafted(), item("calm", 1))
                .when(new PublishVersion(F, 1, DAY, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("version 1 cannot be published without a service-user panel's endorsement of"
                        + " this exact version");
        // endorsed by others only
        fixture.given(drafted(), item("calm", 1), review(ReviewerRole.CLINICIAN, Verdict.ENDORSED, 1),
                        review(ReviewerRole.COMMISSIONER, Verdict.ENDORSED, 1))
                .when(new PublishVersion(F, 1, DAY, null))
                .expectException(RuleViolation.class);
        // the panel asked for changes
        fixture.given(drafted(), item("calm", 1), review(ReviewerRole.SERVICE_USER_PANEL, Verdict.CHANGES_REQUESTED, 1))
                .when(new PublishVersion(F, 1, DAY, null))
                .expectException(RuleViolation.class);
        // the panel endorsed an earlier revision, then the items changed
        fixture.given(drafted(), item("calm", 1), review(ReviewerRole.SERVICE_USER_PANEL, Verdict.ENDORSED, 1),
                        item("sleep", 2))
                .when(new PublishVersion(F, 1, DAY, null))
                .expectException(RuleViolation.class);
        fixture.given(drafted(), item("calm", 1), item("sleep", 2),
                        review(ReviewerRole.SERVICE_USER_PANEL, Verdict.ENDORSED, 2))
                .when(new PublishVersion(F, 1, DAY, null))
                .expectEvents(new FrameworkVersionPublished(F, 1, DAY));
    }

    @Test
    void aReviewEndorsesTheDraftAsItStands() {
        fixture.given(drafted(), item("calm", 1), item("sleep", 2))
                .when(new RecordReview(F, 1, ReviewerRole.SERVICE_USER_PANEL, Verdict.ENDORSED, "Clear", DAY))
                .expectEvents(new CoDesignReviewRecorded(F, 1, 2, ReviewerRole.SERVICE_USER_PANEL, Verdict.ENDORSED,
                        "Clear", DAY));
    }

    @Test
    void aPublishedVersionNeverChangesAndAChangeIsANewVersion() {
        Object[] published = {drafted(), item("calm", 1), review(ReviewerRole.SERVICE_USER_PANEL, Verdict.ENDORSED, 1),
                new FrameworkVersionPublished(F, 1, DAY)};
        fixture.given(published)
                .when(new DefineItem(F, 1, "sleep", "x", 1, 5, List.of(), null, false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("version 1 of " + F + " is published and cannot change; draft a new version");
        fixture.given(published)
                .when(new RecordReview(F, 1, ReviewerRole.SERVICE_USER_PANEL, Verdict.ENDORSED, null, DAY))
                .expectException(RuleViolation.class);
        fixture.given(published)
                .when(new DraftNewVersion(F, 1))
                .expectEvents(new FrameworkVersionDrafted(F, 2, "Wellbeing check", FrameworkPurpose.WELLBEING,
                                ScoringRule.MEAN, 1),
                        new FrameworkItemDefined(F, 2, "calm", "Wording of calm", 1, 5, LABELS, null, false, 1));
    }

    @Test
    void onlyAPublishedVersionIsRetired() {
        fixture.given(drafted(), item("calm", 1))
                .when(new RetireVersion(F, 1, DAY))
                .expectException(RuleViolation.class);
        fixture.given(drafted(), item("calm", 1), review(ReviewerRole.SERVICE_USER_PANEL, Verdict.ENDORSED, 1),
                        new FrameworkVersionPublished(F, 1, DAY))
                .when(new RetireVersion(F, 1, DAY))
                .expectEvents(new FrameworkVersionRetired(F, 1, DAY));
    }

    @Test
    void subscaleMeansNeedEveryItemInASubscale() {
        fixture.given(new FrameworkVersionDrafted(F, 1, "x", FrameworkPurpose.EMPOWERMENT, ScoringRule.SUBSCALE_MEANS,
                        null))
                .when(new DefineItem(F, 1, "calm", "x", 1, 5, List.of(), null, false))
                .expectException(RuleViolation.class);
    }

    @org.junit.jupiter.api.Test
    void aReviewCannotBeDatedInTheFuture() {
        fixture.given(drafted())
                .when(new org.heard.outcomes.framework.FrameworkCommands.RecordReview(F, 1,
                        org.heard.contracts.outcomes.ReviewerRole.SERVICE_USER_PANEL,
                        org.heard.contracts.outcomes.Verdict.ENDORSED, null, LocalDate.parse("2026-06-16")))
                .expectException(org.heard.kit.web.RuleViolation.class)
                .expectExceptionMessage("reviewedOn cannot lie in the future");
    }
}
