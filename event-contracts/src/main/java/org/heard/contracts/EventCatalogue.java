package org.heard.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralAccepted;
import org.heard.contracts.cases.ReferralDeclined;
import org.heard.contracts.cases.LegalStatusRecorded;
import org.heard.contracts.cases.FirstContactMade;
import org.heard.contracts.cases.CaseReopened;
import org.heard.contracts.cases.IssueRaised;
import org.heard.contracts.cases.IssueResolved;
import org.heard.contracts.cases.ConsentGiven;
import org.heard.contracts.cases.ConsentWithdrawn;
import org.heard.contracts.persons.EqualityDetailsCorrected;
import org.heard.contracts.involvement.ForumScheduled;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.contracts.involvement.InvolvementCorrected;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.FrameworkVersionDrafted;
import org.heard.contracts.outcomes.FrameworkItemDefined;
import org.heard.contracts.outcomes.FrameworkItemRemoved;
import org.heard.contracts.outcomes.CoDesignReviewRecorded;
import org.heard.contracts.outcomes.FrameworkVersionPublished;
import org.heard.contracts.outcomes.FrameworkVersionRetired;
import org.heard.contracts.outcomes.OutcomeRecorded;
import org.heard.contracts.outcomes.OutcomeRevised;
import org.heard.contracts.outcomes.OutcomeRetracted;
import org.heard.contracts.outcomes.GoalSet;
import org.heard.contracts.outcomes.GoalRated;
import org.heard.contracts.outcomes.GoalAchieved;
import org.heard.contracts.outcomes.GoalDropped;
import org.heard.contracts.outcomes.SystemicIssueLogged;
import org.heard.contracts.outcomes.SystemicIssueLinkedToCase;
import org.heard.contracts.outcomes.SystemicChangeAchieved;

import org.heard.contracts.trust.LegalStatusEpisodeStarted;
import org.heard.contracts.trust.LegalStatusEpisodeEnded;
import org.heard.contracts.trust.LegalStatusEpisodeReinstated;
import org.heard.contracts.trust.QualifyingEpisodeStarted;
import org.heard.contracts.trust.QualifyingEpisodeEnded;
import org.heard.contracts.trust.QualifyingEpisodeReinstated;
import org.heard.contracts.trust.AutomaticImhaReferralMade;
import org.heard.contracts.trust.ImhaOptOutRecorded;
import org.heard.contracts.trust.TrustPersonsMerged;
import org.heard.contracts.persons.AccessGranted;
import org.heard.contracts.persons.PersonErased;
import org.heard.contracts.persons.PersonRegistered;

/**
 * Every event type Heard publishes, in one place. A type that is not here cannot be published or read, and every type
 * here has a JSON Schema, a golden sample and an AsyncAPI message (checked by tests).
 */
public final class EventCatalogue {

    public static final EventType<ReferralReceived> REFERRAL_RECEIVED =
            new EventType<>("org.heard.case.ReferralReceived.v1", ReferralReceived.class, Topic.CASE);
    public static final EventType<CaseClosed> CASE_CLOSED =
            new EventType<>("org.heard.case.CaseClosed.v1", CaseClosed.class, Topic.CASE);
    public static final EventType<AssessmentCompleted> ASSESSMENT_COMPLETED =
            new EventType<>("org.heard.outcome.AssessmentCompleted.v1", AssessmentCompleted.class, Topic.OUTCOME);

    public static final EventType<AdvocateAssigned> ADVOCATE_ASSIGNED =
            new EventType<>("org.heard.case.AdvocateAssigned.v1", AdvocateAssigned.class, Topic.CASE);
    public static final EventType<PersonRegistered> PERSON_REGISTERED =
            new EventType<>("org.heard.case.PersonRegistered.v1", PersonRegistered.class, Topic.CASE);
    public static final EventType<PersonErased> PERSON_ERASED =
            new EventType<>("org.heard.case.PersonErased.v1", PersonErased.class, Topic.CASE);

    public static final EventType<ReferralAccepted> REFERRAL_ACCEPTED =
            new EventType<>("org.heard.case.ReferralAccepted.v1", ReferralAccepted.class, Topic.CASE);
    public static final EventType<ReferralDeclined> REFERRAL_DECLINED =
            new EventType<>("org.heard.case.ReferralDeclined.v1", ReferralDeclined.class, Topic.CASE);
    public static final EventType<LegalStatusRecorded> LEGAL_STATUS_RECORDED =
            new EventType<>("org.heard.case.LegalStatusRecorded.v1", LegalStatusRecorded.class, Topic.CASE);
    public static final EventType<FirstContactMade> FIRST_CONTACT_MADE =
            new EventType<>("org.heard.case.FirstContactMade.v1", FirstContactMade.class, Topic.CASE);
    public static final EventType<CaseReopened> CASE_REOPENED =
            new EventType<>("org.heard.case.CaseReopened.v1", CaseReopened.class, Topic.CASE);
    public static final EventType<IssueRaised> ISSUE_RAISED =
            new EventType<>("org.heard.case.IssueRaised.v1", IssueRaised.class, Topic.CASE);
    public static final EventType<IssueResolved> ISSUE_RESOLVED =
            new EventType<>("org.heard.case.IssueResolved.v1", IssueResolved.class, Topic.CASE);
    public static final EventType<ConsentGiven> CONSENT_GIVEN =
            new EventType<>("org.heard.case.ConsentGiven.v1", ConsentGiven.class, Topic.CASE);
    public static final EventType<ConsentWithdrawn> CONSENT_WITHDRAWN =
            new EventType<>("org.heard.case.ConsentWithdrawn.v1", ConsentWithdrawn.class, Topic.CASE);
    public static final EventType<EqualityDetailsCorrected> EQUALITY_DETAILS_CORRECTED =
            new EventType<>("org.heard.case.EqualityDetailsCorrected.v1", EqualityDetailsCorrected.class, Topic.CASE);
    public static final EventType<AccessGranted> ACCESS_GRANTED =
            new EventType<>("org.heard.case.AccessGranted.v1", AccessGranted.class, Topic.CASE);
    public static final EventType<ForumScheduled> FORUM_SCHEDULED =
            new EventType<>("org.heard.involvement.ForumScheduled.v1", ForumScheduled.class, Topic.INVOLVEMENT);
    public static final EventType<InvolvementRecorded> INVOLVEMENT_RECORDED =
            new EventType<>("org.heard.involvement.InvolvementRecorded.v1", InvolvementRecorded.class, Topic.INVOLVEMENT);
    public static final EventType<InvolvementCorrected> INVOLVEMENT_CORRECTED =
            new EventType<>("org.heard.involvement.InvolvementCorrected.v1", InvolvementCorrected.class, Topic.INVOLVEMENT);

    public static final EventType<FrameworkVersionDrafted> FRAMEWORK_VERSION_DRAFTED =
            new EventType<>("org.heard.outcome.FrameworkVersionDrafted.v1", FrameworkVersionDrafted.class, Topic.OUTCOME);
    public static final EventType<FrameworkItemDefined> FRAMEWORK_ITEM_DEFINED =
            new EventType<>("org.heard.outcome.FrameworkItemDefined.v1", FrameworkItemDefined.class, Topic.OUTCOME);
    public static final EventType<FrameworkItemRemoved> FRAMEWORK_ITEM_REMOVED =
            new EventType<>("org.heard.outcome.FrameworkItemRemoved.v1", FrameworkItemRemoved.class, Topic.OUTCOME);
    public static final EventType<CoDesignReviewRecorded> CO_DESIGN_REVIEW_RECORDED =
            new EventType<>("org.heard.outcome.CoDesignReviewRecorded.v1", CoDesignReviewRecorded.class, Topic.OUTCOME);
    public static final EventType<FrameworkVersionPublished> FRAMEWORK_VERSION_PUBLISHED =
            new EventType<>("org.heard.outcome.FrameworkVersionPublished.v1", FrameworkVersionPublished.class, Topic.OUTCOME);
    public static final EventType<FrameworkVersionRetired> FRAMEWORK_VERSION_RETIRED =
            new EventType<>("org.heard.outcome.FrameworkVersionRetired.v1", FrameworkVersionRetired.class, Topic.OUTCOME);
    public static final EventType<OutcomeRecorded> OUTCOME_RECORDED =
            new EventType<>("org.heard.outcome.OutcomeRecorded.v1", OutcomeRecorded.class, Topic.OUTCOME);
    public static final EventType<OutcomeRevised> OUTCOME_REVISED =
            new EventType<>("org.heard.outcome.OutcomeRevised.v1", OutcomeRevised.class, Topic.OUTCOME);
    public static final EventType<OutcomeRetracted> OUTCOME_RETRACTED =
            new EventType<>("org.heard.outcome.OutcomeRetracted.v1", OutcomeRetracted.class, Topic.OUTCOME);
    public static final EventType<GoalSet> GOAL_SET =
            new EventType<>("org.heard.outcome.GoalSet.v1", GoalSet.class, Topic.OUTCOME);
    public static final EventType<GoalRated> GOAL_RATED =
            new EventType<>("org.heard.outcome.GoalRated.v1", GoalRated.class, Topic.OUTCOME);
    public static final EventType<GoalAchieved> GOAL_ACHIEVED =
            new EventType<>("org.heard.outcome.GoalAchieved.v1", GoalAchieved.class, Topic.OUTCOME);
    public static final EventType<GoalDropped> GOAL_DROPPED =
            new EventType<>("org.heard.outcome.GoalDropped.v1", GoalDropped.class, Topic.OUTCOME);
    public static final EventType<SystemicIssueLogged> SYSTEMIC_ISSUE_LOGGED =
            new EventType<>("org.heard.outcome.SystemicIssueLogged.v1", SystemicIssueLogged.class, Topic.OUTCOME);
    public static final EventType<SystemicIssueLinkedToCase> SYSTEMIC_ISSUE_LINKED_TO_CASE =
            new EventType<>("org.heard.outcome.SystemicIssueLinkedToCase.v1", SystemicIssueLinkedToCase.class, Topic.OUTCOME);
    public static final EventType<SystemicChangeAchieved> SYSTEMIC_CHANGE_ACHIEVED =
            new EventType<>("org.heard.outcome.SystemicChangeAchieved.v1", SystemicChangeAchieved.class, Topic.OUTCOME);

    public static final EventType<LegalStatusEpisodeStarted> LEGAL_STATUS_EPISODE_STARTED =
            new EventType<>("org.heard.trust.LegalStatusEpisodeStarted.v1", LegalStatusEpisodeStarted.class, Topic.TRUST);
    public static final EventType<LegalStatusEpisodeEnded> LEGAL_STATUS_EPISODE_ENDED =
            new EventType<>("org.heard.trust.LegalStatusEpisodeEnded.v1", LegalStatusEpisodeEnded.class, Topic.TRUST);
    public static final EventType<LegalStatusEpisodeReinstated> LEGAL_STATUS_EPISODE_REINSTATED =
            new EventType<>("org.heard.trust.LegalStatusEpisodeReinstated.v1", LegalStatusEpisodeReinstated.class, Topic.TRUST);
    public static final EventType<QualifyingEpisodeStarted> QUALIFYING_EPISODE_STARTED =
            new EventType<>("org.heard.trust.QualifyingEpisodeStarted.v1", QualifyingEpisodeStarted.class, Topic.TRUST);
    public static final EventType<QualifyingEpisodeEnded> QUALIFYING_EPISODE_ENDED =
            new EventType<>("org.heard.trust.QualifyingEpisodeEnded.v1", QualifyingEpisodeEnded.class, Topic.TRUST);
    public static final EventType<QualifyingEpisodeReinstated> QUALIFYING_EPISODE_REINSTATED =
            new EventType<>("org.heard.trust.QualifyingEpisodeReinstated.v1", QualifyingEpisodeReinstated.class, Topic.TRUST);
    public static final EventType<AutomaticImhaReferralMade> AUTOMATIC_IMHA_REFERRAL_MADE =
            new EventType<>("org.heard.trust.AutomaticImhaReferralMade.v1", AutomaticImhaReferralMade.class, Topic.TRUST);
    public static final EventType<ImhaOptOutRecorded> IMHA_OPT_OUT_RECORDED =
            new EventType<>("org.heard.trust.ImhaOptOutRecorded.v1", ImhaOptOutRecorded.class, Topic.TRUST);
    public static final EventType<TrustPersonsMerged> TRUST_PERSONS_MERGED =
            new EventType<>("org.heard.trust.TrustPersonsMerged.v1", TrustPersonsMerged.class, Topic.TRUST);

    private static final List<EventType<?>> ALL = List.of(REFERRAL_RECEIVED, CASE_CLOSED, ASSESSMENT_COMPLETED,
            ADVOCATE_ASSIGNED, PERSON_REGISTERED, PERSON_ERASED, REFERRAL_ACCEPTED, REFERRAL_DECLINED, LEGAL_STATUS_RECORDED,
            FIRST_CONTACT_MADE, CASE_REOPENED, ISSUE_RAISED,
            ISSUE_RESOLVED, CONSENT_GIVEN, CONSENT_WITHDRAWN,
            EQUALITY_DETAILS_CORRECTED, ACCESS_GRANTED, FORUM_SCHEDULED, INVOLVEMENT_RECORDED,
            INVOLVEMENT_CORRECTED,
            FRAMEWORK_VERSION_DRAFTED, FRAMEWORK_ITEM_DEFINED, FRAMEWORK_ITEM_REMOVED,
            CO_DESIGN_REVIEW_RECORDED, FRAMEWORK_VERSION_PUBLISHED, FRAMEWORK_VERSION_RETIRED,
            OUTCOME_RECORDED, OUTCOME_REVISED, OUTCOME_RETRACTED,
            GOAL_SET, GOAL_RATED, GOAL_ACHIEVED,
            GOAL_DROPPED, SYSTEMIC_ISSUE_LOGGED, SYSTEMIC_ISSUE_LINKED_TO_CASE,
            SYSTEMIC_CHANGE_ACHIEVED,
            LEGAL_STATUS_EPISODE_STARTED, LEGAL_STATUS_EPISODE_ENDED, LEGAL_STATUS_EPISODE_REINSTATED, QUALIFYING_EPISODE_STARTED, QUALIFYING_EPISODE_ENDED, QUALIFYING_EPISODE_REINSTATED, AUTOMATIC_IMHA_REFERRAL_MADE, IMHA_OPT_OUT_RECORDED, TRUST_PERSONS_MERGED);

    private static final Map<String, EventType<?>> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<?>, EventType<?>> BY_CLASS = new LinkedHashMap<>();

    static {
        for (EventType<?> eventType : ALL) {
            BY_TYPE.put(eventType.type(), eventType);
            BY_CLASS.put(eventType.dataType(), eventType);
        }
    }

    private EventCatalogue() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    /** The type registered under this CloudEvents type, if any. */
    public static Optional<EventType<?>> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The published type of this event record, if it is one. */
    public static Optional<EventType<?>> forClass(Class<?> dataType) {
        return Optional.ofNullable(BY_CLASS.get(dataType));
    }
}
