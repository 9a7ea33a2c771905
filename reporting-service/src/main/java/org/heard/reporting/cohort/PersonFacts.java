package org.heard.reporting.cohort;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.heard.contracts.EventCatalogue;
import org.heard.contracts.HeardEvent;
import org.heard.contracts.cases.ConsentGiven;
import org.heard.contracts.cases.ConsentScope;
import org.heard.contracts.cases.ConsentWithdrawn;
import org.heard.contracts.cases.FirstContactMade;
import org.heard.contracts.cases.IssueResolved;
import org.heard.contracts.cases.LegalStatusRecorded;
import org.heard.contracts.cases.ReferralDeclined;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.involvement.InvolvementCorrected;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.OutcomeRecorded;
import org.heard.contracts.outcomes.OutcomeRetracted;
import org.heard.contracts.outcomes.OutcomeRevised;
import org.heard.contracts.persons.EqualityDetails;
import org.heard.contracts.persons.EqualityDetailsCorrected;
import org.heard.contracts.persons.PersonRegistered;
import org.heard.contracts.trust.AutomaticImhaReferralMade;
import org.heard.contracts.trust.ImhaOptOutRecorded;
import org.heard.contracts.trust.QualifyingEpisodeEnded;
import org.heard.contracts.trust.QualifyingEpisodeReinstated;
import org.heard.contracts.trust.QualifyingEpisodeStarted;
import org.heard.contracts.trust.TrustPersonsMerged;
import org.heard.reporting.projection.ProjectedEvent;
import org.heard.reporting.projection.ProjectedEvent.OrderKey;

/**
 * The non-identifying facts about one person that the cohort views are made of, folded from their events by a pure
 * function: (facts, event) → facts. No name, number, date of birth or words: categories, dates, scores and ids only.
 *
 * <p>Every fact has an identity (the referral's case, the assessment, the involvement, the outcome, the issue, or for
 * facts that are events in their own right the event itself), and two facts of one identity are merged by keeping the
 * greater {@link OrderKey}. So the fold is idempotent (an event applied twice changes nothing) and commutative (the
 * order in which events arrive, from whichever topic, does not change the result): a correction applied before the
 * record it corrects still wins, because it sorts after it.
 *
 * <p>Facts keep their business dates and their event times, so that what the figures show can be decided at read time:
 * as they stand now or stood on a date ({@link PersonProfile#of}), and without what a withdrawal of consent to evaluation
 * covers ({@link EvaluationConsent}).
 */
public record PersonFacts(Map<String, Fact> facts) {

    public PersonFacts {
        facts = Map.copyOf(facts);
    }

    public static PersonFacts empty() {
        return new PersonFacts(Map.of());
    }

    /** A fact about the person, with where it sorts among their events. */
    public sealed interface Fact permits Equality, Referral, LegalStatus, FirstContact, Reading, Involvement, Outcome,
            IssueResolution, Consent, Assignment, QualifyingEpisode, QualifyingState, AutomaticReferral, OptOut,
            Declined, MergedPerson {

        OrderKey order();

        /** The identity facts are merged by. */
        String identity();
    }

    /** Equality categories, from registration or a correction (the latest applies). */
    public record Equality(OrderKey order, String ethnicCategory, String ageBand, String gender, boolean disabled)
            implements Fact {
        public String identity() {
            return "equality:" + order.eventKey();
        }
    }

    /** A referral: one per case, with the provider that received it (null for referrals before providers were). */
    public record Referral(OrderKey order, String caseId, String advocacyType, String referralSource,
                           LocalDate referredOn, String providerId) implements Fact {

        public Referral(OrderKey order, String caseId, String advocacyType, String referralSource,
                        LocalDate referredOn) {
            this(order, caseId, advocacyType, referralSource, referredOn, null);
        }

        public String identity() {
            return "referral:" + caseId;
        }
    }

    /** The team a case is assigned to (the latest assignment applies; null: none named). */
    public record Assignment(OrderKey order, String caseId, String team) implements Fact {
        public String identity() {
            return "assignment:" + caseId;
        }
    }

    /** A legal status recorded on a case (the latest applies). */
    public record LegalStatus(OrderKey order, String caseId, String code, LocalDate startedOn) implements Fact {
        public String identity() {
            return "legal:" + order.eventKey();
        }
    }

    /** First contact after a referral or reopening. */
    public record FirstContact(OrderKey order, String caseId, LocalDate contactOn, int daysFromReferral)
            implements Fact {
        public String identity() {
            return "contact:" + order.eventKey();
        }
    }

    /**
     * One assessment reading; subscales in the framework's order of names; the raw item responses by item id (empty on
     * readings recorded before responses were published, and in profiles stored before they were kept), so that a
     * version's reliability can be estimated from its baseline readings.
     */
    public record Reading(OrderKey order, String assessmentId, String caseId, String frameworkId, int version,
                          String timepoint, LocalDate completedOn, BigDecimal score, List<Subscale> subscales,
                          Map<String, Integer> responses)
            implements Fact {
        public Reading {
            subscales = List.copyOf(subscales);
            responses = responses == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(responses));
        }

        /** A reading without item responses. */
        public Reading(OrderKey order, String assessmentId, String caseId, String frameworkId, int version,
                       String timepoint, LocalDate completedOn, BigDecimal score, List<Subscale> subscales) {
            this(order, assessmentId, caseId, frameworkId, version, timepoint, completedOn, score, subscales, Map.of());
        }

        public String identity() {
            return "reading:" + assessmentId;
        }
    }

    /** A subscale score of a reading. */
    public record Subscale(String name, BigDecimal score) {
    }

    /** The person's involvement in a forum, as last recorded or corrected. */
    public record Involvement(OrderKey order, String involvementId, String caseId, LocalDate heldOn,
                              String participation, String viewsTaken) implements Fact {
        public String identity() {
            return "involvement:" + involvementId;
        }
    }

    /**
     * An outcome as last recorded, revised or retracted; {@code recordedOn} is the date it was first recorded (kept
     * through revisions, whichever arrives first).
     */
    public record Outcome(OrderKey order, String outcomeId, String caseId, String domain, String perspective,
                          LocalDate recordedOn, boolean retracted) implements Fact {
        public String identity() {
            return "outcome:" + outcomeId;
        }
    }

    /** How an issue was resolved (the latest resolution applies). */
    public record IssueResolution(OrderKey order, String issueId, String caseId, String resolution,
                                  LocalDate resolvedOn) implements Fact {
        public String identity() {
            return "issue:" + issueId;
        }
    }

    /** Consent to evaluation given or withdrawn on a date. */
    public record Consent(OrderKey order, boolean withdrawn, LocalDate on) implements Fact {
        public String identity() {
            return "consent:" + order.eventKey();
        }
    }

    /**
     * A qualifying episode as the trust's feed started it (the denominator of uptake). Its identity is the episode,
     * so the same start delivered twice is one fact; whether it is still open, ended or cancelled is a
     * {@link QualifyingState} of the same episode.
     *
     * @param startedAt  when the qualifying legal status began, as the trust said
     * @param notifiedAt when the trust's message reached Heard
     */
    public record QualifyingEpisode(OrderKey order, String episodeId, String legalStatusCode, String codeSystem,
                                    Instant startedAt, Instant notifiedAt, String organisation, String site,
                                    String ward) implements Fact {
        public String identity() {
            return "qualifying:" + episodeId;
        }
    }

    /**
     * The latest end or reinstatement of a qualifying episode (the greatest {@link OrderKey} applies, so a
     * reinstatement that sorts after an end opens the episode again whichever arrives first).
     *
     * @param endReason the reason it ended ({@code CANCELLED}: as if it had never been), or null when reinstated
     * @param at        when it ended or was reinstated
     */
    public record QualifyingState(OrderKey order, String episodeId, String endReason, Instant at) implements Fact {
        public String identity() {
            return "qualifying-state:" + episodeId;
        }
    }

    /** The automatic IMHA referral of a qualifying episode, with its first-contact clock. */
    public record AutomaticReferral(OrderKey order, String episodeId, String caseId, Instant notifiedAt,
                                    Instant firstContactDueBy) implements Fact {
        public String identity() {
            return "automatic-referral:" + episodeId;
        }
    }

    /** The person opted out of, or declined, the IMHA referral of an episode (either may be null). */
    public record OptOut(OrderKey order, String episodeId, String caseId, LocalDate recordedOn, String kind)
            implements Fact {
        public String identity() {
            return "opt-out:" + episodeId + "|" + caseId + "|" + kind;
        }
    }

    /** A referral was declined (the case did not go ahead). */
    public record Declined(OrderKey order, String caseId, LocalDate declinedOn) implements Fact {
        public String identity() {
            return "declined:" + caseId;
        }
    }

    /** A trust merged another person's record into this one (kept on the surviving person). */
    public record MergedPerson(OrderKey order, String mergedPersonId) implements Fact {
        public String identity() {
            return "merged:" + mergedPersonId;
        }
    }

    /** The facts after one event (the same instance when the event adds nothing the cohort views use). */
    public static PersonFacts apply(PersonFacts current, ProjectedEvent event) {
        Fact fact = factOf(event.order(), event.event());
        if (fact == null) {
            return current;
        }
        Fact existing = current.facts.get(fact.identity());
        Fact merged = merge(existing, fact);
        if (merged.equals(existing)) {
            return current;
        }
        Map<String, Fact> next = new HashMap<>(current.facts);
        next.put(merged.identity(), merged);
        return new PersonFacts(next);
    }

    /** The facts of every event, in any order. */
    public static PersonFacts of(Iterable<ProjectedEvent> events) {
        Builder builder = new Builder();
        events.forEach(builder::add);
        return builder.build();
    }

    /**
     * The same fold with a mutable map, for a rebuild that folds a whole partition's events at once; {@link #apply}
     * and this give equal facts for the same events in any order.
     */
    public static final class Builder {

        private final Map<String, Fact> facts = new HashMap<>();

        public void add(ProjectedEvent event) {
            Fact fact = factOf(event.order(), event.event());
            if (fact != null) {
                facts.put(fact.identity(), merge(facts.get(fact.identity()), fact));
            }
        }

        public PersonFacts build() {
            return new PersonFacts(facts);
        }
    }

    /** The facts of one kind, in order. */
    public <T extends Fact> List<T> all(Class<T> kind) {
        List<T> found = new ArrayList<>();
        for (Fact fact : facts.values()) {
            if (kind.isInstance(fact)) {
                found.add(kind.cast(fact));
            }
        }
        found.sort(Comparator.comparing(Fact::order));
        return found;
    }

    /**
     * The facts the uptake view reads (qualifying episodes and their states, automatic referrals, opt-outs, declines,
     * merges, referrals, first contacts, equality), or null when the person has no qualifying episode and merged
     * nobody: then they are in no uptake figure.
     */
    public PersonFacts forUptake() {
        boolean qualifies = false;
        Map<String, Fact> kept = new HashMap<>();
        for (Fact fact : facts.values()) {
            if (fact instanceof QualifyingEpisode || fact instanceof MergedPerson) {
                qualifies = true;
            }
            if (fact instanceof QualifyingEpisode || fact instanceof QualifyingState || fact instanceof AutomaticReferral
                    || fact instanceof OptOut || fact instanceof Declined || fact instanceof MergedPerson
                    || fact instanceof Referral || fact instanceof FirstContact || fact instanceof Equality) {
                kept.put(fact.identity(), fact);
            }
        }
        return qualifies ? new PersonFacts(kept) : null;
    }

    /** The facts of two people as one (a trust merged them): of two facts of one identity the greater applies. */
    public PersonFacts plus(PersonFacts other) {
        Map<String, Fact> all = new HashMap<>(facts);
        other.facts.forEach((identity, fact) -> all.put(identity, merge(all.get(identity), fact)));
        return new PersonFacts(all);
    }

    /** The greater of two facts of one identity; an outcome keeps the date it was first recorded. */
    static Fact merge(Fact existing, Fact incoming) {
        if (existing == null) {
            return incoming;
        }
        Fact winner = incoming.order().compareTo(existing.order()) > 0 ? incoming : existing;
        if (winner instanceof Outcome outcome && outcome.recordedOn() == null) {
            Outcome other = (Outcome) (winner == incoming ? existing : incoming);
            return new Outcome(outcome.order(), outcome.outcomeId(), outcome.caseId(), outcome.domain(),
                    outcome.perspective(), other.recordedOn(), outcome.retracted());
        }
        return winner;
    }

    /** The fact an event contributes, or null: a pure mapping from the typed contract records. */
    static Fact factOf(OrderKey order, HeardEvent event) {
        if (event instanceof PersonRegistered registered) {
            return equality(order, registered.equality());
        } else if (event instanceof EqualityDetailsCorrected corrected) {
            return equality(order, corrected.details());
        } else if (event instanceof ReferralReceived referral) {
            return new Referral(order, referral.caseId(), referral.advocacyType().name(),
                    referral.referralSource().name(), referral.referredOn(), referral.providerId());
        } else if (event instanceof org.heard.contracts.cases.AdvocateAssigned assigned) {
            return new Assignment(order, assigned.caseId(), assigned.team());
        } else if (event instanceof LegalStatusRecorded status) {
            return new LegalStatus(order, status.caseId(), status.legalStatusCode(), status.startedOn());
        } else if (event instanceof FirstContactMade contact) {
            return new FirstContact(order, contact.caseId(), contact.contactOn(), contact.daysFromReferral());
        } else if (event instanceof AssessmentCompleted assessment) {
            return new Reading(order, assessment.assessmentId(), assessment.caseId(), assessment.frameworkId(),
                    assessment.frameworkVersion(), assessment.timepoint().name(), assessment.completedOn(),
                    assessment.score(), subscales(assessment.subscaleScores()), responses(assessment.responses()));
        } else if (event instanceof InvolvementRecorded recorded) {
            return new Involvement(order, recorded.involvementId(), recorded.caseId(), recorded.heldOn(),
                    recorded.participation().name(), recorded.viewsTakenIntoAccount().name());
        } else if (event instanceof InvolvementCorrected corrected) {
            return new Involvement(order, corrected.involvementId(), corrected.caseId(), corrected.heldOn(),
                    corrected.participation().name(), corrected.viewsTakenIntoAccount().name());
        } else if (event instanceof OutcomeRecorded recorded) {
            return new Outcome(order, recorded.outcomeId(), recorded.caseId(), recorded.domain().name(),
                    recorded.perspective().name(), recorded.recordedOn(), false);
        } else if (event instanceof OutcomeRevised revised) {
            return new Outcome(order, revised.outcomeId(), revised.caseId(), revised.domain().name(),
                    revised.perspective().name(), null, false);
        } else if (event instanceof OutcomeRetracted retracted) {
            return new Outcome(order, retracted.outcomeId(), retracted.caseId(), null, null, null, true);
        } else if (event instanceof IssueResolved resolved) {
            return new IssueResolution(order, resolved.issueId(), resolved.caseId(), resolved.resolution().name(),
                    resolved.resolvedOn());
        } else if (event instanceof QualifyingEpisodeStarted started) {
            return new QualifyingEpisode(order, started.qualifyingEpisodeId(), started.legalStatusCode(),
                    started.codeSystem() == null ? null : started.codeSystem().name(), started.startedAt(),
                    started.notifiedAt(), started.organisation(), started.site(), started.ward());
        } else if (event instanceof QualifyingEpisodeEnded ended) {
            return new QualifyingState(order, ended.qualifyingEpisodeId(), ended.reason().name(), ended.endedAt());
        } else if (event instanceof QualifyingEpisodeReinstated reinstated) {
            return new QualifyingState(order, reinstated.qualifyingEpisodeId(), null, reinstated.reinstatedAt());
        } else if (event instanceof AutomaticImhaReferralMade automatic) {
            return new AutomaticReferral(order, automatic.qualifyingEpisodeId(), automatic.caseId(),
                    automatic.notifiedAt(), automatic.firstContactDueBy());
        } else if (event instanceof ImhaOptOutRecorded optOut) {
            return new OptOut(order, optOut.qualifyingEpisodeId(), optOut.caseId(), optOut.recordedOn(),
                    optOut.kind().name());
        } else if (event instanceof ReferralDeclined declined) {
            return new Declined(order, declined.caseId(), declined.declinedOn());
        } else if (event instanceof TrustPersonsMerged merged) {
            return new MergedPerson(order, merged.mergedPersonId());
        } else if (event instanceof ConsentWithdrawn withdrawn && withdrawn.scope() == ConsentScope.EVALUATION) {
            return new Consent(order, true, withdrawn.withdrawnOn());
        } else if (event instanceof ConsentGiven given && given.scope() == ConsentScope.EVALUATION) {
            return new Consent(order, false, given.givenOn());
        }
        return null;
    }

    private static Equality equality(OrderKey order, EqualityDetails details) {
        if (details == null) {
            return new Equality(order, null, null, null, false);
        }
        return new Equality(order, details.ethnicCategory(), details.ageBand(),
                details.gender() == null ? null : details.gender().name(), !details.disabilities().isEmpty());
    }

    private static Map<String, Integer> responses(List<org.heard.contracts.outcomes.ItemResponse> responses) {
        Map<String, Integer> byItem = new java.util.TreeMap<>();
        responses.forEach(r -> byItem.put(r.itemId(), r.value()));
        return byItem;
    }

    private static List<Subscale> subscales(Map<String, BigDecimal> scores) {
        List<Subscale> subscales = new ArrayList<>();
        scores.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> subscales.add(new Subscale(e.getKey(), e.getValue())));
        return subscales;
    }

    /** True when this event type contributes facts (the writer skips reading profiles for the rest). */
    public static boolean concerns(org.heard.contracts.EventType<?> type) {
        return RELEVANT.contains(type);
    }

    private static final java.util.Set<org.heard.contracts.EventType<?>> RELEVANT = java.util.Set.of(
            EventCatalogue.PERSON_REGISTERED, EventCatalogue.EQUALITY_DETAILS_CORRECTED,
            EventCatalogue.REFERRAL_RECEIVED, EventCatalogue.ADVOCATE_ASSIGNED, EventCatalogue.LEGAL_STATUS_RECORDED, EventCatalogue.FIRST_CONTACT_MADE,
            EventCatalogue.ASSESSMENT_COMPLETED, EventCatalogue.INVOLVEMENT_RECORDED,
            EventCatalogue.INVOLVEMENT_CORRECTED, EventCatalogue.OUTCOME_RECORDED, EventCatalogue.OUTCOME_REVISED,
            EventCatalogue.OUTCOME_RETRACTED, EventCatalogue.ISSUE_RESOLVED, EventCatalogue.CONSENT_WITHDRAWN,
            EventCatalogue.CONSENT_GIVEN, EventCatalogue.QUALIFYING_EPISODE_STARTED,
            EventCatalogue.QUALIFYING_EPISODE_ENDED, EventCatalogue.QUALIFYING_EPISODE_REINSTATED,
            EventCatalogue.AUTOMATIC_IMHA_REFERRAL_MADE, EventCatalogue.IMHA_OPT_OUT_RECORDED,
            EventCatalogue.REFERRAL_DECLINED, EventCatalogue.TRUST_PERSONS_MERGED);
}
