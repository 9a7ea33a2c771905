package org.heard.reporting.uptake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.heard.contracts.cases.LegalStatusCodes;
import org.heard.reporting.cohort.PersonFacts;
import org.heard.reporting.cohort.PersonProfile;

/**
 * One qualifying person as the uptake view counts them, worked out from their facts (and those of anyone a trust
 * merged into them) by a pure function.
 *
 * <p>The rules, in one place:
 * <ul>
 *   <li>A <b>qualifying person</b> of a period has at least one qualifying episode (from the trust feed) whose legal
 *       status began in the period (London date), not cancelled in error. Ended episodes count: the denominator is
 *       everyone who qualified, whether or not they took up advocacy. Their <b>index episode</b> is the earliest such
 *       episode: its month, legal status and hospital (organisation, site, ward) are the person's groups; ethnic
 *       group, age band and gender are the person's latest equality details.</li>
 *   <li>A person <b>has an IMHA case</b> when any of their qualifying episodes in the period has one: the automatic
 *       referral opened for that episode, or any IMHA referral (automatic or not) referred on a date from the
 *       episode's start to its end (open: no end). A case that was declined, or that an opt-out names (an opt-out of
 *       an episode before its case was known names the episode's automatic case), does not count: opt-outs and
 *       declines are not uptake, but a later referral the person asks for is.</li>
 *   <li>The <b>first-contact clock</b> is that of the earliest episode in the period with an automatic referral:
 *       from the day the trust notified Heard ({@code notifiedAt}, London date) to the first {@code FirstContactMade}
 *       on its case ({@code contactOn}). Contact dates are days, so contact on the due date
 *       ({@code firstContactDueBy}, London date) is in time. Not yet contacted: overdue once {@code now} is past the
 *       due time, else not yet due; the episode ended before the due time without contact, or the person opted out or
 *       declined before contact, are counted apart.</li>
 * </ul>
 *
 * @param dimensions the person's value of every {@link #DIMENSIONS} name
 * @param withCase   they have an IMHA case for a qualifying episode of the period
 * @param saidNo     they opted out or declined, and have no IMHA case
 * @param clock      the first-contact clock, or null when no episode of theirs in the period had an automatic referral
 */
public record QualifiedPerson(Map<String, String> dimensions, boolean withCase, boolean saidNo, Clock clock) {

    /** The dimensions the uptake view groups and filters by. */
    public static final List<String> DIMENSIONS = List.of("ethnicGroup", "ageBand", "gender", "legalStatusGroup",
            "legalStatus", "organisation", "site", "ward", "month");

    /** A value not sent by the trust. */
    public static final String NOT_KNOWN = "NOT_KNOWN";

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** Where a first-contact clock stands. */
    public enum ClockState {
        /** Contacted on or before the due date. */
        IN_TIME,
        /** Contacted after the due date. */
        LATE,
        /** Not contacted, and the due time has passed. */
        OVERDUE,
        /** Not contacted, and the due time has not come. */
        NOT_YET_DUE,
        /** Opted out or declined before any contact. */
        SAID_NO,
        /** Not contacted, and the qualifying episode ended before the due time. */
        ENDED_BEFORE_DUE
    }

    /**
     * @param days days from notification to first contact (contacted clocks only, else null)
     */
    public record Clock(ClockState state, Integer days) {
    }

    /**
     * @param facts the person's facts, merged people's included
     * @param from  the first day of the period (null: no lower bound)
     * @param to    the last day (null: no upper bound)
     * @param now   what "overdue" is measured against
     * @return null when the person has no qualifying episode in the period
     */
    public static QualifiedPerson of(PersonFacts facts, LocalDate from, LocalDate to, Instant now) {
        Map<String, PersonFacts.QualifyingState> states = new HashMap<>();
        facts.all(PersonFacts.QualifyingState.class).forEach(s -> states.put(s.episodeId(), s));
        List<PersonFacts.QualifyingEpisode> episodes = new ArrayList<>();
        for (PersonFacts.QualifyingEpisode episode : facts.all(PersonFacts.QualifyingEpisode.class)) {
            PersonFacts.QualifyingState state = states.get(episode.episodeId());
            if (state != null && "CANCELLED".equals(state.endReason())) {
                continue;
            }
            LocalDate start = day(episode.startedAt());
            if ((from == null || !start.isBefore(from)) && (to == null || !start.isAfter(to))) {
                episodes.add(episode);
            }
        }
        if (episodes.isEmpty()) {
            return null;
        }
        episodes.sort(Comparator.comparing(PersonFacts.QualifyingEpisode::startedAt)
                .thenComparing(PersonFacts.QualifyingEpisode::episodeId));

        Map<String, PersonFacts.AutomaticReferral> automatic = new HashMap<>();
        facts.all(PersonFacts.AutomaticReferral.class).forEach(a -> automatic.put(a.episodeId(), a));
        Set<String> refused = new HashSet<>();
        facts.all(PersonFacts.Declined.class).forEach(d -> refused.add(d.caseId()));
        Set<String> optedOutEpisodes = new HashSet<>();
        for (PersonFacts.OptOut optOut : facts.all(PersonFacts.OptOut.class)) {
            if (optOut.caseId() != null) {
                refused.add(optOut.caseId());
            }
            if (optOut.episodeId() != null) {
                optedOutEpisodes.add(optOut.episodeId());
            }
        }
        for (String episodeId : optedOutEpisodes) {
            PersonFacts.AutomaticReferral referral = automatic.get(episodeId);
            if (referral != null && referral.caseId() != null) {
                refused.add(referral.caseId());
            }
        }
        List<PersonFacts.Referral> imha = facts.all(PersonFacts.Referral.class).stream()
                .filter(r -> "IMHA".equals(r.advocacyType())).toList();

        boolean withCase = false;
        boolean saidNo = false;
        for (PersonFacts.QualifyingEpisode episode : episodes) {
            Set<String> cases = new HashSet<>();
            PersonFacts.AutomaticReferral referral = automatic.get(episode.episodeId());
            if (referral != null && referral.caseId() != null) {
                cases.add(referral.caseId());
            }
            LocalDate start = day(episode.startedAt());
            PersonFacts.QualifyingState state = states.get(episode.episodeId());
            LocalDate end = state == null || state.endReason() == null ? null : day(state.at());
            for (PersonFacts.Referral r : imha) {
                if (r.referredOn() != null && !r.referredOn().isBefore(start)
                        && (end == null || !r.referredOn().isAfter(end))) {
                    cases.add(r.caseId());
                }
            }
            for (String caseId : cases) {
                if (refused.contains(caseId)) {
                    saidNo = true;
                } else {
                    withCase = true;
                }
            }
            if (optedOutEpisodes.contains(episode.episodeId())) {
                saidNo = true;
            }
        }

        PersonFacts.QualifyingEpisode index = episodes.get(0);
        Map<String, String> dimensions = new LinkedHashMap<>();
        List<PersonFacts.Equality> equality = facts.all(PersonFacts.Equality.class);
        PersonFacts.Equality latest = equality.isEmpty() ? null : equality.get(equality.size() - 1);
        dimensions.put("ethnicGroup", PersonProfile.ethnicGroup(latest == null ? null : latest.ethnicCategory()));
        dimensions.put("ageBand", known(latest == null ? null : latest.ageBand()));
        dimensions.put("gender", known(latest == null ? null : latest.gender()));
        dimensions.put("legalStatusGroup", legalStatusGroup(index.codeSystem(), index.legalStatusCode()));
        dimensions.put("legalStatus", known(index.codeSystem()) + "-" + known(index.legalStatusCode()));
        dimensions.put("organisation", known(index.organisation()));
        dimensions.put("site", known(index.site()));
        dimensions.put("ward", known(index.ward()));
        LocalDate start = day(index.startedAt());
        dimensions.put("month", String.format("%d-%02d", start.getYear(), start.getMonthValue()));

        return new QualifiedPerson(dimensions, withCase, saidNo && !withCase,
                clock(episodes, automatic, states, refused, facts, now));
    }

    private static Clock clock(List<PersonFacts.QualifyingEpisode> episodes,
                               Map<String, PersonFacts.AutomaticReferral> automatic,
                               Map<String, PersonFacts.QualifyingState> states, Set<String> refused,
                               PersonFacts facts, Instant now) {
        for (PersonFacts.QualifyingEpisode episode : episodes) {
            PersonFacts.AutomaticReferral referral = automatic.get(episode.episodeId());
            if (referral == null) {
                continue;
            }
            LocalDate contact = null;
            for (PersonFacts.FirstContact first : facts.all(PersonFacts.FirstContact.class)) {
                if (first.caseId() != null && first.caseId().equals(referral.caseId()) && first.contactOn() != null
                        && (contact == null || first.contactOn().isBefore(contact))) {
                    contact = first.contactOn();
                }
            }
            if (contact != null) {
                int days = (int) ChronoUnit.DAYS.between(day(referral.notifiedAt()), contact);
                boolean inTime = !contact.isAfter(day(referral.firstContactDueBy()));
                return new Clock(inTime ? ClockState.IN_TIME : ClockState.LATE, days);
            }
            if (refused.contains(referral.caseId())) {
                return new Clock(ClockState.SAID_NO, null);
            }
            PersonFacts.QualifyingState state = states.get(episode.episodeId());
            if (state != null && state.endReason() != null && state.at().isBefore(referral.firstContactDueBy())) {
                return new Clock(ClockState.ENDED_BEFORE_DUE, null);
            }
            return new Clock(now.isAfter(referral.firstContactDueBy()) ? ClockState.OVERDUE : ClockState.NOT_YET_DUE,
                    null);
        }
        return null;
    }

    /** The group of a legal status code of the England classification; NOT_KNOWN for others. */
    static String legalStatusGroup(String system, String code) {
        if (!"ENGLAND".equals(system)) {
            return NOT_KNOWN;
        }
        return LegalStatusCodes.find(code).map(s -> s.group().name()).orElse(NOT_KNOWN);
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, LONDON);
    }

    private static String known(String value) {
        return value == null || value.isBlank() ? NOT_KNOWN : value;
    }
}
