package org.heard.contracts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.CaseReopened;
import org.heard.contracts.cases.ConsentGiven;
import org.heard.contracts.cases.ConsentScope;
import org.heard.contracts.cases.ConsentWithdrawn;
import org.heard.contracts.cases.ContactMode;
import org.heard.contracts.cases.DeclineReason;
import org.heard.contracts.cases.FirstContactMade;
import org.heard.contracts.cases.IssueCategory;
import org.heard.contracts.cases.IssueRaised;
import org.heard.contracts.cases.IssueResolution;
import org.heard.contracts.cases.IssueResolved;
import org.heard.contracts.cases.LegalStatusRecorded;
import org.heard.contracts.cases.ReferralAccepted;
import org.heard.contracts.cases.ReferralDeclined;
import org.heard.contracts.cases.Setting;
import org.heard.contracts.involvement.Forum;
import org.heard.contracts.involvement.ForumScheduled;
import org.heard.contracts.involvement.InvolvementCorrected;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.contracts.involvement.Participation;
import org.heard.contracts.involvement.ViewsTaken;
import org.heard.contracts.persons.Disability;
import org.heard.contracts.persons.EqualityDetails;
import org.heard.contracts.persons.EqualityDetailsCorrected;
import org.heard.contracts.persons.Gender;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.*;
import org.heard.contracts.persons.ErasureReason;
import org.heard.contracts.persons.PersonErased;
import org.heard.contracts.persons.PersonRegistered;
import org.heard.contracts.trust.LegalStatusEpisodeStarted;
import org.heard.contracts.trust.LegalStatusEpisodeEnded;
import org.heard.contracts.trust.LegalStatusEpisodeReinstated;
import org.heard.contracts.trust.QualifyingEpisodeStarted;
import org.heard.contracts.trust.QualifyingEpisodeEnded;
import org.heard.contracts.trust.QualifyingEpisodeReinstated;
import org.heard.contracts.trust.AutomaticImhaReferralMade;
import org.heard.contracts.trust.ImhaOptOutRecorded;
import org.heard.contracts.trust.TrustPersonsMerged;
import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.heard.contracts.trust.TrustProtocol;
import org.heard.contracts.trust.EpisodeEndReason;
import org.heard.contracts.trust.OptOutKind;
import java.time.Instant;

/**
 * One synthetic instance of every published event type: the golden samples are these, serialised. The sealed values
 * are made-up bytes in the right shape, not encryptions of anything.
 */
public final class Samples {

    public static final String PERSON_ID = "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e";
    public static final String CASE_ID = "6f1d7c2e-4b4a-4e57-9a53-2a8f0c1d9b10";

    public static final String KEY_ID = "5b8e2f4c-0d1a-4c6b-9e7f-3a2b1c0d9e8f";

    public static final ReferralReceived REFERRAL_RECEIVED = new ReferralReceived(CASE_ID, PERSON_ID,
            AdvocacyType.IMHA, ReferralSource.PROFESSIONAL, LocalDate.parse("2026-03-02"),
            new SealedValue(KEY_ID, "AQID0Jt2c3ludGhldGljLWNpcGhlcnRleHQtMQ=="), Setting.INPATIENT_WARD, true,
            "Synthetic Mental Health NHS Trust", "provider-north");
    public static final AdvocateAssigned ADVOCATE_ASSIGNED = new AdvocateAssigned(CASE_ID, PERSON_ID, "advocate-17",
            "team-a");
    public static final PersonRegistered PERSON_REGISTERED = new PersonRegistered(PERSON_ID,
            new SealedValue(KEY_ID, "AQID0Jt2c3ludGhldGljLWNpcGhlcnRleHQtMg=="),
            new SealedValue(KEY_ID, "AQID0Jt2c3ludGhldGljLWNpcGhlcnRleHQtMw=="),
            new SealedValue(KEY_ID, "AQID0Jt2c3ludGhldGljLWNpcGhlcnRleHQtNA=="), null,
            new EqualityDetails("N", "35-44", Gender.MAN, "en", false, List.of(Disability.AUTISM)));
    public static final String ISSUE_ID = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    public static final String INVOLVEMENT_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    public static final ReferralAccepted REFERRAL_ACCEPTED = new ReferralAccepted(CASE_ID, PERSON_ID,
            LocalDate.parse("2026-03-03"), true);
    public static final ReferralDeclined REFERRAL_DECLINED = new ReferralDeclined(CASE_ID, PERSON_ID,
            LocalDate.parse("2026-03-03"), DeclineReason.OUT_OF_AREA);
    public static final LegalStatusRecorded LEGAL_STATUS_RECORDED = new LegalStatusRecorded(CASE_ID, PERSON_ID, "03",
            LocalDate.parse("2026-02-20"), null, true);
    public static final FirstContactMade FIRST_CONTACT_MADE = new FirstContactMade(CASE_ID, PERSON_ID,
            LocalDate.parse("2026-03-04"), ContactMode.IN_PERSON, 2);
    public static final CaseReopened CASE_REOPENED = new CaseReopened(CASE_ID, PERSON_ID, LocalDate.parse("2026-08-01"));
    public static final IssueRaised ISSUE_RAISED = new IssueRaised(CASE_ID, PERSON_ID, ISSUE_ID, IssueCategory.LEAVE,
            new SealedValue(KEY_ID, "AQID0Jt2c3ludGhldGljLWNpcGhlcnRleHQtNQ=="), LocalDate.parse("2026-03-04"));
    public static final IssueResolved ISSUE_RESOLVED = new IssueResolved(CASE_ID, PERSON_ID, ISSUE_ID,
            IssueResolution.PARTLY_ACHIEVED, LocalDate.parse("2026-05-10"));
    public static final ConsentGiven CONSENT_GIVEN = new ConsentGiven(PERSON_ID, ConsentScope.EVALUATION,
            LocalDate.parse("2026-03-04"));
    public static final ConsentWithdrawn CONSENT_WITHDRAWN = new ConsentWithdrawn(PERSON_ID, ConsentScope.EVALUATION,
            LocalDate.parse("2026-06-01"));
    public static final org.heard.contracts.persons.AccessGranted ACCESS_GRANTED =
            new org.heard.contracts.persons.AccessGranted("3d4e5f60-7182-4394-a5b6-c7d8e9f0a1b2", PERSON_ID,
                    "advocate-17", "provider-north", org.heard.contracts.persons.AccessReason.SAFEGUARDING,
                    new SealedValue(KEY_ID, "AQID0Jt2c3ludGhldGljLWNpcGhlcnRleHQtNQ=="),
                    java.time.Instant.parse("2026-03-02T11:00:00Z"));
    public static final EqualityDetailsCorrected EQUALITY_DETAILS_CORRECTED = new EqualityDetailsCorrected(PERSON_ID,
            "3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b", new EqualityDetails("M", "35-44", Gender.MAN, "en", false, List.of()));
    public static final ForumScheduled FORUM_SCHEDULED = new ForumScheduled(CASE_ID, PERSON_ID,
            "2b3c4d5e-6f70-4182-9a3b-4c5d6e7f8091", Forum.MENTAL_HEALTH_TRIBUNAL, LocalDate.parse("2026-04-02"));
    public static final InvolvementRecorded INVOLVEMENT_RECORDED = new InvolvementRecorded(CASE_ID, PERSON_ID,
            INVOLVEMENT_ID, Forum.WARD_ROUND, LocalDate.parse("2026-03-10"), List.of(ISSUE_ID),
            Participation.SPOKE_FOR_THEMSELVES_WITH_SUPPORT, ViewsTaken.PARTLY, 90, null);
    public static final InvolvementCorrected INVOLVEMENT_CORRECTED = new InvolvementCorrected(CASE_ID, PERSON_ID,
            INVOLVEMENT_ID, Forum.WARD_ROUND, LocalDate.parse("2026-03-11"), List.of(ISSUE_ID),
            Participation.ADVOCATE_SPOKE_ON_THEIR_BEHALF, ViewsTaken.YES, 75);
    public static final PersonErased PERSON_ERASED = new PersonErased(PERSON_ID, ErasureReason.PERSON_REQUEST,
            LocalDate.parse("2026-07-01"));
    public static final CaseClosed CASE_CLOSED = new CaseClosed(CASE_ID, PERSON_ID, ClosureReason.GOALS_MET,
            LocalDate.parse("2026-06-30"));
    public static final AssessmentCompleted ASSESSMENT_COMPLETED = new AssessmentCompleted(
            "a3c9e1f0-7d2b-4f6e-8c1a-5b4d3e2f1a09", PERSON_ID, CASE_ID, "heard-empowerment", 1, Timepoint.BASELINE,
            new BigDecimal("17.5"), LocalDate.parse("2026-03-09"), CompletedBy.SELF_WITH_SUPPORT,
            List.of(new ItemResponse("heard-when-decisions-made", 4), new ItemResponse("know-my-rights", 3)),
            Map.of("involvement", new BigDecimal("4.0")));
    static final String F = "heard-empowerment";
    static final String OUT = "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918";
    static final String GOAL = "4d3c2b1a-0f9e-48d7-b6a5-4f3e2d1c0b9a";
    static final String SYS = "8c7b6a59-4837-4261-a5f4-e3d2c1b0a998";
    static final SealedValue WORDS = new SealedValue("5b8e2f4c-0d1a-4c6b-9e7f-3a2b1c0d9e8f",
            "AQID0Jt2c3ludGhldGljLWNpcGhlcnRleHQtNg==");
    static final List<String> ISSUES = List.of("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
    public static final FrameworkVersionDrafted FRAMEWORK_VERSION_DRAFTED = new FrameworkVersionDrafted(F, 2,
            "Heard empowerment", FrameworkPurpose.EMPOWERMENT, ScoringRule.SUM, 1);
    public static final FrameworkItemDefined FRAMEWORK_ITEM_DEFINED = new FrameworkItemDefined(F, 2,
            "heard-when-decisions-made", "When decisions are made about my care, I feel heard.", 1, 5,
            List.of("Not at all", "A little", "Somewhat", "Mostly", "Completely"), "involvement", false, 3);
    public static final FrameworkItemRemoved FRAMEWORK_ITEM_REMOVED = new FrameworkItemRemoved(F, 2,
            "heard-when-decisions-made", 4);
    public static final CoDesignReviewRecorded CO_DESIGN_REVIEW_RECORDED = new CoDesignReviewRecorded(F, 2, 4,
            ReviewerRole.SERVICE_USER_PANEL, Verdict.ENDORSED, "Plain words, and a question about rights.",
            LocalDate.parse("2026-02-10"));
    public static final FrameworkVersionPublished FRAMEWORK_VERSION_PUBLISHED = new FrameworkVersionPublished(F, 2,
            LocalDate.parse("2026-02-11"), new ReliableChangeBasis(new java.math.BigDecimal("4.2"),
            new java.math.BigDecimal("0.87"), ReliableChangeBasis.ReliabilityCoefficient.CRONBACH_ALPHA,
            ReliableChangeBasis.ImprovementDirection.INCREASE,
            "Synthetic pilot, 120 baseline readings (illustrative figures)"));
    public static final FrameworkVersionRetired FRAMEWORK_VERSION_RETIRED = new FrameworkVersionRetired(F, 1,
            LocalDate.parse("2026-02-11"));
    public static final OutcomeRecorded OUTCOME_RECORDED = new OutcomeRecorded(OUT, PERSON_ID, CASE_ID,
            OutcomeDomain.CARE_AND_TREATMENT, "leave-granted", WORDS, Perspective.SERVICE_USER, Extent.SIGNIFICANT,
            Extent.SOME, ISSUES, LocalDate.parse("2026-04-01"));
    public static final OutcomeRevised OUTCOME_REVISED = new OutcomeRevised(OUT, PERSON_ID, CASE_ID,
            OutcomeDomain.CARE_AND_TREATMENT, "leave-granted", WORDS, Perspective.SERVICE_USER, Extent.SOME,
            Extent.SOME, ISSUES, LocalDate.parse("2026-04-03"));
    public static final OutcomeRetracted OUTCOME_RETRACTED = new OutcomeRetracted(OUT, PERSON_ID, CASE_ID,
            LocalDate.parse("2026-04-05"));
    public static final GoalSet GOAL_SET = new GoalSet(GOAL, PERSON_ID, CASE_ID, OutcomeDomain.PERSONAL_DEVELOPMENT,
            WORDS, GoalScale.GOAL_BASED_OUTCOMES, LocalDate.parse("2026-03-05"));
    public static final GoalRated GOAL_RATED = new GoalRated(GOAL, PERSON_ID, 6, Perspective.SERVICE_USER,
            LocalDate.parse("2026-04-05"));
    public static final GoalAchieved GOAL_ACHIEVED = new GoalAchieved(GOAL, PERSON_ID, LocalDate.parse("2026-05-05"));
    public static final GoalDropped GOAL_DROPPED = new GoalDropped(GOAL, PERSON_ID, LocalDate.parse("2026-05-05"));
    public static final SystemicIssueLogged SYSTEMIC_ISSUE_LOGGED = new SystemicIssueLogged(SYS, ImpactLevel.WARD,
            "section 17 leave", "Leave is cancelled at short notice on Ward 3.", LocalDate.parse("2026-03-20"));
    public static final SystemicIssueLinkedToCase SYSTEMIC_ISSUE_LINKED_TO_CASE = new SystemicIssueLinkedToCase(SYS,
            CASE_ID, LocalDate.parse("2026-03-20"));
    public static final SystemicChangeAchieved SYSTEMIC_CHANGE_ACHIEVED = new SystemicChangeAchieved(SYS,
            "3f2e1d0c-9b8a-4796-a5b4-c3d2e1f0a9b8", "Ward 3 now plans leave a week ahead.",
            LocalDate.parse("2026-06-01"));

    public static final String EPISODE_ID = "7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d";
    public static final String QUALIFYING_EPISODE_ID = "4e3d2c1b-0a9f-4e8d-8c7b-6a5f4e3d2c1b";
    public static final LegalStatusEpisodeStarted LEGAL_STATUS_EPISODE_STARTED = new LegalStatusEpisodeStarted(
            PERSON_ID, EPISODE_ID, "03", LegalStatusCodeSystem.ENGLAND, true, Instant.parse("2026-03-02T09:15:00Z"),
            Instant.parse("2026-03-02T09:16:04Z"), "RXX", "RXX01", "Willow Ward", "3f9a0c1e5b7d2a4c6e8f0a1b3c5d7e9f",
            TrustProtocol.HL7V2);
    public static final LegalStatusEpisodeEnded LEGAL_STATUS_EPISODE_ENDED = new LegalStatusEpisodeEnded(
            PERSON_ID, EPISODE_ID, Instant.parse("2026-03-30T14:00:00Z"), EpisodeEndReason.DISCHARGED);
    public static final LegalStatusEpisodeReinstated LEGAL_STATUS_EPISODE_REINSTATED = new LegalStatusEpisodeReinstated(
            PERSON_ID, EPISODE_ID, Instant.parse("2026-03-30T15:02:10Z"));
    public static final QualifyingEpisodeStarted QUALIFYING_EPISODE_STARTED = new QualifyingEpisodeStarted(
            PERSON_ID, QUALIFYING_EPISODE_ID, "03", LegalStatusCodeSystem.ENGLAND,
            Instant.parse("2026-03-02T09:15:00Z"), Instant.parse("2026-03-02T09:16:04Z"), "RXX", "RXX01",
            "Willow Ward");
    public static final QualifyingEpisodeEnded QUALIFYING_EPISODE_ENDED = new QualifyingEpisodeEnded(
            PERSON_ID, QUALIFYING_EPISODE_ID, Instant.parse("2026-03-30T14:00:00Z"), EpisodeEndReason.DISCHARGED);
    public static final QualifyingEpisodeReinstated QUALIFYING_EPISODE_REINSTATED = new QualifyingEpisodeReinstated(
            PERSON_ID, QUALIFYING_EPISODE_ID, Instant.parse("2026-03-30T15:02:10Z"));
    public static final AutomaticImhaReferralMade AUTOMATIC_IMHA_REFERRAL_MADE = new AutomaticImhaReferralMade(
            PERSON_ID, QUALIFYING_EPISODE_ID, CASE_ID, Instant.parse("2026-03-02T09:16:04Z"),
            Instant.parse("2026-03-07T09:16:04Z"), "mha-1983-s130c");
    public static final ImhaOptOutRecorded IMHA_OPT_OUT_RECORDED = new ImhaOptOutRecorded(
            PERSON_ID, QUALIFYING_EPISODE_ID, CASE_ID, LocalDate.parse("2026-03-03"), OptOutKind.OPTED_OUT,
            TrustProtocol.FHIR);
    public static final TrustPersonsMerged TRUST_PERSONS_MERGED = new TrustPersonsMerged(
            PERSON_ID, "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f", Instant.parse("2026-04-01T10:00:00Z"), "RXX");

    private static final Map<EventType<?>, HeardEvent> BY_TYPE = Map.ofEntries(
            Map.entry(EventCatalogue.REFERRAL_RECEIVED, REFERRAL_RECEIVED),
            Map.entry(EventCatalogue.CASE_CLOSED, CASE_CLOSED),
            Map.entry(EventCatalogue.ASSESSMENT_COMPLETED, ASSESSMENT_COMPLETED),
            Map.entry(EventCatalogue.ADVOCATE_ASSIGNED, ADVOCATE_ASSIGNED),
            Map.entry(EventCatalogue.PERSON_REGISTERED, PERSON_REGISTERED),
            Map.entry(EventCatalogue.PERSON_ERASED, PERSON_ERASED),
            Map.entry(EventCatalogue.REFERRAL_ACCEPTED, REFERRAL_ACCEPTED),
            Map.entry(EventCatalogue.REFERRAL_DECLINED, REFERRAL_DECLINED),
            Map.entry(EventCatalogue.LEGAL_STATUS_RECORDED, LEGAL_STATUS_RECORDED),
            Map.entry(EventCatalogue.FIRST_CONTACT_MADE, FIRST_CONTACT_MADE),
            Map.entry(EventCatalogue.CASE_REOPENED, CASE_REOPENED),
            Map.entry(EventCatalogue.ISSUE_RAISED, ISSUE_RAISED),
            Map.entry(EventCatalogue.ISSUE_RESOLVED, ISSUE_RESOLVED),
            Map.entry(EventCatalogue.CONSENT_GIVEN, CONSENT_GIVEN),
            Map.entry(EventCatalogue.CONSENT_WITHDRAWN, CONSENT_WITHDRAWN),
            Map.entry(EventCatalogue.EQUALITY_DETAILS_CORRECTED, EQUALITY_DETAILS_CORRECTED),
            Map.entry(EventCatalogue.ACCESS_GRANTED, ACCESS_GRANTED),
            Map.entry(EventCatalogue.FORUM_SCHEDULED, FORUM_SCHEDULED),
            Map.entry(EventCatalogue.INVOLVEMENT_RECORDED, INVOLVEMENT_RECORDED),
            Map.entry(EventCatalogue.INVOLVEMENT_CORRECTED, INVOLVEMENT_CORRECTED),
            Map.entry(EventCatalogue.FRAMEWORK_VERSION_DRAFTED, FRAMEWORK_VERSION_DRAFTED),
            Map.entry(EventCatalogue.FRAMEWORK_ITEM_DEFINED, FRAMEWORK_ITEM_DEFINED),
            Map.entry(EventCatalogue.FRAMEWORK_ITEM_REMOVED, FRAMEWORK_ITEM_REMOVED),
            Map.entry(EventCatalogue.CO_DESIGN_REVIEW_RECORDED, CO_DESIGN_REVIEW_RECORDED),
            Map.entry(EventCatalogue.FRAMEWORK_VERSION_PUBLISHED, FRAMEWORK_VERSION_PUBLISHED),
            Map.entry(EventCatalogue.FRAMEWORK_VERSION_RETIRED, FRAMEWORK_VERSION_RETIRED),
            Map.entry(EventCatalogue.OUTCOME_RECORDED, OUTCOME_RECORDED),
            Map.entry(EventCatalogue.OUTCOME_REVISED, OUTCOME_REVISED),
            Map.entry(EventCatalogue.OUTCOME_RETRACTED, OUTCOME_RETRACTED),
            Map.entry(EventCatalogue.GOAL_SET, GOAL_SET),
            Map.entry(EventCatalogue.GOAL_RATED, GOAL_RATED),
            Map.entry(EventCatalogue.GOAL_ACHIEVED, GOAL_ACHIEVED),
            Map.entry(EventCatalogue.GOAL_DROPPED, GOAL_DROPPED),
            Map.entry(EventCatalogue.SYSTEMIC_ISSUE_LOGGED, SYSTEMIC_ISSUE_LOGGED),
            Map.entry(EventCatalogue.SYSTEMIC_ISSUE_LINKED_TO_CASE, SYSTEMIC_ISSUE_LINKED_TO_CASE),
            Map.entry(EventCatalogue.SYSTEMIC_CHANGE_ACHIEVED, SYSTEMIC_CHANGE_ACHIEVED),
            Map.entry(EventCatalogue.LEGAL_STATUS_EPISODE_STARTED, LEGAL_STATUS_EPISODE_STARTED),
            Map.entry(EventCatalogue.LEGAL_STATUS_EPISODE_ENDED, LEGAL_STATUS_EPISODE_ENDED),
            Map.entry(EventCatalogue.LEGAL_STATUS_EPISODE_REINSTATED, LEGAL_STATUS_EPISODE_REINSTATED),
            Map.entry(EventCatalogue.QUALIFYING_EPISODE_STARTED, QUALIFYING_EPISODE_STARTED),
            Map.entry(EventCatalogue.QUALIFYING_EPISODE_ENDED, QUALIFYING_EPISODE_ENDED),
            Map.entry(EventCatalogue.QUALIFYING_EPISODE_REINSTATED, QUALIFYING_EPISODE_REINSTATED),
            Map.entry(EventCatalogue.AUTOMATIC_IMHA_REFERRAL_MADE, AUTOMATIC_IMHA_REFERRAL_MADE),
            Map.entry(EventCatalogue.IMHA_OPT_OUT_RECORDED, IMHA_OPT_OUT_RECORDED),
            Map.entry(EventCatalogue.TRUST_PERSONS_MERGED, TRUST_PERSONS_MERGED));


    private Samples() {
    }

    /** The sample of this type, or null when none was written yet (a test fails on that). */
    public static HeardEvent of(EventType<?> type) {
        return BY_TYPE.get(type);
    }
}
