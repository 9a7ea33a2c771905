package org.heard.reporting.cohort;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;

import org.heard.contracts.cases.LegalStatusCodes;

/**
 * What the cohort views show of one person, worked out from their {@link PersonFacts} by a pure function, as things
 * stand now or stood at the end of a date (event time): equality categories, their first counted referral, legal
 * status, first contact, assessments (every reading, in date order), involvement, outcomes by domain and perspective,
 * issues. Categories and facts only, nothing identifying. What a withdrawal of consent to evaluation covers is left
 * out ({@link EvaluationConsent}); a person none of whose referrals counts is not in the cohort figures at all.
 *
 * @param ethnicGroup         ONS-style group from the NHS ethnic category: White, Mixed, Asian, Black, Other, Not stated
 * @param legalStatusGroup    informal, detained, community (CTO, conditional discharge, guardianship) or none
 * @param disability          yes when any disability flag is set, else no
 * @param referrals           the referrals that count, in date order
 * @param evaluationWithdrawn consent to evaluation is withdrawn now: not among person-level analyst rows
 * @param personalOutcomeCaseIds the cases on which a personal outcome (any domain but wider impact, from either
 *                               perspective, not retracted) is counted
 */
public record PersonProfile(String advocacyType, String ethnicGroup, String ageBand, String gender,
                            String legalStatusGroup, String disability, String quarter, LocalDate referredOn,
                            Integer daysToFirstContact, List<Reading> readings, int forums, int forumsTakingPart,
                            int forumsViewsTaken, Map<String, Integer> outcomes, int issuesResolved,
                            int issuesAchieved, Set<String> caseIds, List<Referral> referrals,
                            boolean evaluationWithdrawn, Set<String> personalOutcomeCaseIds) {

    public PersonProfile {
        personalOutcomeCaseIds = personalOutcomeCaseIds == null ? Set.of() : Set.copyOf(personalOutcomeCaseIds);
    }

    /** A profile without the referral list (for tests of the cohort arithmetic). */
    public PersonProfile(String advocacyType, String ethnicGroup, String ageBand, String gender,
                         String legalStatusGroup, String disability, String quarter, LocalDate referredOn,
                         Integer daysToFirstContact, List<Reading> readings, int forums, int forumsTakingPart,
                         int forumsViewsTaken, Map<String, Integer> outcomes, int issuesResolved, int issuesAchieved,
                         Set<String> caseIds) {
        this(advocacyType, ethnicGroup, ageBand, gender, legalStatusGroup, disability, quarter, referredOn,
                daysToFirstContact, readings, forums, forumsTakingPart, forumsViewsTaken, outcomes, issuesResolved,
                issuesAchieved, caseIds, List.of(), false, Set.of());
    }

    /** A profile without the referral list, with the cases of its personal outcomes (for tests of the cohort rules). */
    public PersonProfile(String advocacyType, String ethnicGroup, String ageBand, String gender,
                         String legalStatusGroup, String disability, String quarter, LocalDate referredOn,
                         Integer daysToFirstContact, List<Reading> readings, int forums, int forumsTakingPart,
                         int forumsViewsTaken, Map<String, Integer> outcomes, int issuesResolved, int issuesAchieved,
                         Set<String> caseIds, Set<String> personalOutcomeCaseIds) {
        this(advocacyType, ethnicGroup, ageBand, gender, legalStatusGroup, disability, quarter, referredOn,
                daysToFirstContact, readings, forums, forumsTakingPart, forumsViewsTaken, outcomes, issuesResolved,
                issuesAchieved, caseIds, List.of(), false, personalOutcomeCaseIds);
    }

    /**
     * One assessment reading.
     *
     * @param responses the raw item responses by item id (empty when not known)
     */
    public record Reading(String frameworkId, int version, String timepoint, LocalDate on, BigDecimal score,
                          Map<String, BigDecimal> subscales, Map<String, Integer> responses) {

        public Reading {
            responses = responses == null ? Map.of() : responses;
        }

        /** A reading without item responses. */
        public Reading(String frameworkId, int version, String timepoint, LocalDate on, BigDecimal score,
                       Map<String, BigDecimal> subscales) {
            this(frameworkId, version, timepoint, on, score, subscales, Map.of());
        }
    }

    /**
     * One referral as the referral counts see it.
     *
     * @param provider the provider that received it ({@code UNKNOWN} for referrals recorded before providers were)
     * @param team     the team of its latest assignment ({@code UNASSIGNED} when none names one)
     */
    public record Referral(String caseId, String advocacyType, String referralSource, LocalDate referredOn,
                           String provider, String team) {

        public Referral(String caseId, String advocacyType, String referralSource, LocalDate referredOn) {
            this(caseId, advocacyType, referralSource, referredOn, UNKNOWN, UNASSIGNED);
        }

        /** The value of a referral-count dimension. */
        public String dimension(String name) {
            return switch (name) {
                case "advocacyType" -> advocacyType;
                case "referralSource" -> referralSource;
                case "provider" -> provider;
                case "team" -> team;
                case "month" -> month(referredOn);
                case "quarter" -> quarter(referredOn);
                default -> throw new IllegalArgumentException("unknown dimension " + name);
            };
        }
    }

    /** The value of a cohort dimension for this person. */
    public String dimension(String name) {
        return switch (name) {
            case "advocacyType" -> advocacyType;
            case "ethnicGroup" -> ethnicGroup;
            case "ageBand" -> ageBand;
            case "gender" -> gender;
            case "legalStatusGroup" -> legalStatusGroup;
            case "disability" -> disability;
            case "quarter" -> quarter;
            case "provider" -> referrals.isEmpty() ? UNKNOWN : referrals.get(0).provider();
            case "team" -> referrals.isEmpty() ? UNASSIGNED : referrals.get(0).team();
            case "month" -> referredOn == null ? "UNKNOWN" : month(referredOn);
            default -> throw new IllegalArgumentException("unknown dimension " + name);
        };
    }

    /**
     * The cohort dimensions. {@code provider} and {@code team} are those of the person's first counted referral (the
     * provider that received it, the team of its latest assignment).
     */
    public static final List<String> DIMENSIONS = List.of("advocacyType", "ethnicGroup", "ageBand", "gender",
            "legalStatusGroup", "disability", "quarter", "month", "provider", "team");

    /** The provider of a referral recorded before referrals named one. */
    public static final String UNKNOWN = "UNKNOWN";
    /** The team of a case no assignment has named a team for. */
    public static final String UNASSIGNED = "UNASSIGNED";

    /** The same profile with only the readings of one framework version. */
    public PersonProfile withReadingsOf(int version) {
        return new PersonProfile(advocacyType, ethnicGroup, ageBand, gender, legalStatusGroup, disability, quarter,
                referredOn, daysToFirstContact, readings.stream().filter(r -> r.version() == version).toList(), forums,
                forumsTakingPart, forumsViewsTaken, outcomes, issuesResolved, issuesAchieved, caseIds, referrals,
                evaluationWithdrawn, personalOutcomeCaseIds);
    }

    /** The profile as things stand now under the consent rule; null when no referral of the person counts. */
    public static PersonProfile of(PersonFacts facts) {
        return of(facts, null, true);
    }

    /**
     * The profile from a person's facts.
     *
     * @param asOf          the end of this date (UTC event time) is what is known; null for now
     * @param applyConsent  false for the person's own casework view, where consent to evaluation does not apply (and
     *                      a profile is made even before a referral has arrived)
     * @return null when no referral of the person counts (then they are not in the cohort figures)
     */
    public static PersonProfile of(PersonFacts facts, LocalDate asOf, boolean applyConsent) {
        Instant end = asOf == null ? null : asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        PersonFacts known = end == null ? facts : new PersonFacts(facts.facts().entrySet().stream()
                .filter(e -> e.getValue().order().time().isBefore(end))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        EvaluationConsent consent = applyConsent ? EvaluationConsent.of(known.all(PersonFacts.Consent.class))
                : EvaluationConsent.GIVEN;

        List<PersonFacts.Referral> counted = new ArrayList<>();
        for (PersonFacts.Referral referral : known.all(PersonFacts.Referral.class)) {
            if (!consent.excludes(referral.referredOn())) {
                counted.add(referral);
            }
        }
        if (counted.isEmpty() && applyConsent) {
            return null;
        }
        counted.sort(Comparator.comparing(PersonFacts.Referral::referredOn)
                .thenComparing(PersonFacts.Referral::order));
        PersonFacts.Referral first = counted.isEmpty() ? null : counted.get(0);

        String ethnic = null;
        String ageBand = "NOT_KNOWN";
        String gender = "NOT_KNOWN";
        boolean disabled = false;
        List<PersonFacts.Equality> equality = known.all(PersonFacts.Equality.class);
        if (!equality.isEmpty()) {
            PersonFacts.Equality latest = equality.get(equality.size() - 1);
            ethnic = latest.ethnicCategory();
            ageBand = orElse(latest.ageBand(), ageBand);
            gender = orElse(latest.gender(), gender);
            disabled = latest.disabled();
        }
        String legal = "NONE";
        for (PersonFacts.LegalStatus status : known.all(PersonFacts.LegalStatus.class)) {
            if (!consent.excludes(status.startedOn())) {
                legal = legalGroup(status.code());
            }
        }
        Integer daysToFirstContact = null;
        for (PersonFacts.FirstContact contact : known.all(PersonFacts.FirstContact.class)) {
            if (!consent.excludes(contact.contactOn())) {
                daysToFirstContact = contact.daysFromReferral();
                break;
            }
        }
        List<Reading> readings = new ArrayList<>();
        for (PersonFacts.Reading r : known.all(PersonFacts.Reading.class)) {
            if (!consent.excludes(r.completedOn())) {
                Map<String, BigDecimal> subscales = new LinkedHashMap<>();
                r.subscales().forEach(s -> subscales.put(s.name(), s.score()));
                readings.add(new Reading(r.frameworkId(), r.version(), r.timepoint(), r.completedOn(), r.score(),
                        subscales, r.responses()));
            }
        }
        readings.sort(Comparator.comparing(Reading::on));
        int forums = 0;
        int takingPart = 0;
        int viewsTaken = 0;
        for (PersonFacts.Involvement involvement : known.all(PersonFacts.Involvement.class)) {
            if (consent.excludes(involvement.heldOn())) {
                continue;
            }
            forums++;
            if (!"NOT_INVOLVED".equals(involvement.participation())) {
                takingPart++;
            }
            if ("YES".equals(involvement.viewsTaken()) || "PARTLY".equals(involvement.viewsTaken())) {
                viewsTaken++;
            }
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        Set<String> personalOutcomeCases = new TreeSet<>();
        for (PersonFacts.Outcome outcome : known.all(PersonFacts.Outcome.class)) {
            if (!outcome.retracted() && outcome.domain() != null && !consent.excludes(outcome.recordedOn())) {
                outcomes.merge(outcome.domain() + "/" + outcome.perspective(), 1, Integer::sum);
                if (!WIDER_IMPACT.equals(outcome.domain()) && outcome.caseId() != null) {
                    personalOutcomeCases.add(outcome.caseId());
                }
            }
        }
        int resolved = 0;
        int achieved = 0;
        for (PersonFacts.IssueResolution issue : known.all(PersonFacts.IssueResolution.class)) {
            if (!consent.excludes(issue.resolvedOn())) {
                resolved++;
                if (issue.resolution().equals("ACHIEVED") || issue.resolution().equals("PARTLY_ACHIEVED")) {
                    achieved++;
                }
            }
        }
        Map<String, String> teams = new java.util.HashMap<>();
        for (PersonFacts.Assignment assignment : known.all(PersonFacts.Assignment.class)) {
            if (assignment.team() != null) {
                teams.put(assignment.caseId(), assignment.team());
            } else {
                teams.remove(assignment.caseId());
            }
        }
        Set<String> caseIds = new TreeSet<>();
        List<Referral> referrals = new ArrayList<>();
        for (PersonFacts.Referral referral : counted) {
            caseIds.add(referral.caseId());
            String team = teams.get(referral.caseId());
            referrals.add(new Referral(referral.caseId(), referral.advocacyType(), referral.referralSource(),
                    referral.referredOn(), orElse(referral.providerId(), UNKNOWN), orElse(team, UNASSIGNED)));
        }
        LocalDate referredOn = first == null ? null : first.referredOn();
        return new PersonProfile(first == null ? "UNKNOWN" : first.advocacyType(), ethnicGroup(ethnic), ageBand, gender,
                legal, disabled ? "YES" : "NO", referredOn == null ? "UNKNOWN" : quarter(referredOn), referredOn,
                daysToFirstContact, readings,
                forums, takingPart, viewsTaken, new LinkedHashMap<>(outcomes), resolved, achieved, caseIds, referrals,
                consent.withdrawnNow(), personalOutcomeCases);
    }

    /** The outcome domain that is not about the person themselves. */
    static final String WIDER_IMPACT = "WIDER_IMPACT";

    /** Weeks from referral to a reading. */
    public long weeksSinceReferral(Reading reading) {
        return referredOn == null ? 0 : ChronoUnit.WEEKS.between(referredOn, reading.on());
    }

    static String month(LocalDate date) {
        return String.format("%d-%02d", date.getYear(), date.getMonthValue());
    }

    static String quarter(LocalDate date) {
        return date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1);
    }

    public static String ethnicGroup(String code) {
        if (code == null || code.equals("Z") || code.equals("99")) {
            return "NOT_STATED";
        }
        return switch (code.charAt(0)) {
            case 'A', 'B', 'C' -> "WHITE";
            case 'D', 'E', 'F', 'G' -> "MIXED";
            case 'H', 'J', 'K', 'L' -> "ASIAN";
            case 'M', 'N', 'P' -> "BLACK";
            default -> "OTHER";
        };
    }

    /** The code's group from the one table ({@link LegalStatusCodes}); a code it does not hold is counted detained. */
    static String legalGroup(String code) {
        return LegalStatusCodes.find(code).map(s -> s.group().name()).orElse(LegalStatusCodes.Group.DETAINED.name());
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
