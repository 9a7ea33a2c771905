package org.heard.reporting.uptake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.heard.reporting.cohort.CohortImpact;
import org.heard.reporting.cohort.PersonFacts;
import org.heard.reporting.disclosure.Disclosure;
import org.heard.reporting.disclosure.MarginAudit;
import org.heard.reporting.disclosure.PublishedValue;

/**
 * Uptake against the denominator, a pure function of the qualifying people's facts: for each group, how many people
 * qualified for IMHA (from the trust feed, whether or not they took up advocacy), how many of them have an IMHA case,
 * the share, how many said no, and the first-contact clock. The rules of who counts are {@link QualifiedPerson}'s.
 *
 * <p>People a trust merged ({@code TrustPersonsMerged}) are one person here: their facts are put together before
 * anyone is counted, so the denominator counts the human once, in the groups of their earliest qualifying episode.
 * An erased person's facts stay, anonymous, as in the cohort views, so the figures do not change on erasure.
 *
 * <p>Every count passes the one disclosure rule and the margin audit column by column; a group too small to show
 * (or withheld to protect another) shows "*" in every figure; shares and medians come from the published counts.
 */
public final class Uptake {

    private final Disclosure disclosure;
    private final MarginAudit audit;

    public Uptake(Disclosure disclosure) {
        this.disclosure = disclosure;
        this.audit = new MarginAudit(disclosure);
    }

    /** One person's (or an erased person's anonymous) facts, under the id they are stored by. */
    public record Input(String id, String personId, PersonFacts facts) {
    }

    /**
     * The first-contact clock of a group.
     *
     * @param referrals        people with an automatic referral's clock
     * @param contacted        … whose first contact was made
     * @param medianDays       median days from notification to first contact, of those contacted
     * @param inTime           contacted on or before the due date
     * @param late             contacted after it
     * @param overdue          not contacted and past the due time: counted as not in time
     * @param notYetDue        not contacted, not yet due: left out of the share
     * @param saidNo           opted out or declined before contact: left out of the share
     * @param endedBeforeDue   not contacted, qualifying episode ended before the due time: left out of the share
     * @param inTimePercent    in time, of those whose time has come (in time + late + overdue)
     */
    public record ClockFigures(PublishedValue referrals, PublishedValue contacted, PublishedValue medianDays,
                               PublishedValue inTime, PublishedValue late, PublishedValue overdue,
                               PublishedValue notYetDue, PublishedValue saidNo, PublishedValue endedBeforeDue,
                               CohortImpact.ShareFigure inTimePercent) {
    }

    /**
     * One group's published figures.
     *
     * @param qualifyingPeople people with a qualifying episode that began in the period
     * @param withImhaCase     … with an IMHA case for one of those episodes, its share of the people and the share's
     *                         95% interval
     * @param saidNo           … who opted out or declined and have no IMHA case
     */
    public record Row(Map<String, String> group, PublishedValue qualifyingPeople,
                      CohortImpact.ShareFigure withImhaCase, PublishedValue saidNo, ClockFigures firstContact) {
    }

    /**
     * @param people  every stored person the uptake view holds
     * @param filter  dimension values a person must have
     * @param groupBy the dimensions to group by ({@link QualifiedPerson#DIMENSIONS})
     * @param from    qualifying episodes that began on or after this day (null: no bound)
     * @param to      … and on or before this day
     * @param now     what "overdue" is measured against
     */
    public List<Row> compute(List<Input> people, Map<String, String> filter, List<String> groupBy, LocalDate from,
                             LocalDate to, Instant now) {
        Map<List<String>, Tally> tallies = new TreeMap<>(Uptake::compare);
        for (PersonFacts facts : merged(people)) {
            QualifiedPerson person = QualifiedPerson.of(facts, from, to, now);
            if (person == null || !matches(person, filter)) {
                continue;
            }
            List<String> key = new ArrayList<>(groupBy.size());
            groupBy.forEach(d -> key.add(person.dimensions().get(d)));
            tallies.computeIfAbsent(key, k -> new Tally()).add(person);
        }
        Map<String, Set<List<String>>> protecting = new HashMap<>();
        if (!groupBy.isEmpty()) {
            for (String column : COLUMNS) {
                Map<List<String>, Long> values = new LinkedHashMap<>();
                tallies.forEach((key, t) -> {
                    if (t.count(column) > 0) {
                        values.put(key, t.count(column));
                    }
                });
                protecting.put(column, audit.secondary(values));
            }
        }
        List<Row> rows = new ArrayList<>();
        tallies.forEach((key, t) -> {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                group.put(groupBy.get(i), key.get(i));
            }
            Set<String> withheld = new HashSet<>();
            protecting.forEach((column, keys) -> {
                if (keys.contains(key)) {
                    withheld.add(column);
                }
            });
            rows.add(publish(group, t, withheld));
        });
        return rows;
    }

    /**
     * The people as one per human: everyone linked by a merge (either way round, in chains) put together, under the
     * least of their ids so that the result does not depend on the order they are read in.
     */
    static List<PersonFacts> merged(List<Input> people) {
        Map<String, String> parent = new HashMap<>();
        Map<String, Input> byPerson = new HashMap<>();
        for (Input input : people) {
            String id = input.personId() != null ? input.personId() : input.id();
            byPerson.put(id, input);
            parent.putIfAbsent(id, id);
        }
        for (Map.Entry<String, Input> entry : byPerson.entrySet()) {
            for (PersonFacts.MergedPerson merge : entry.getValue().facts().all(PersonFacts.MergedPerson.class)) {
                parent.putIfAbsent(merge.mergedPersonId(), merge.mergedPersonId());
                union(parent, entry.getKey(), merge.mergedPersonId());
            }
        }
        Map<String, PersonFacts> byRoot = new TreeMap<>();
        byPerson.forEach((id, input) -> byRoot.merge(root(parent, id), input.facts(), PersonFacts::plus));
        return new ArrayList<>(byRoot.values());
    }

    private static String root(Map<String, String> parent, String id) {
        String root = id;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        parent.put(id, root);
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = root(parent, a);
        String rb = root(parent, b);
        if (!ra.equals(rb)) {
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }

    private static boolean matches(QualifiedPerson person, Map<String, String> filter) {
        for (Map.Entry<String, String> wanted : filter.entrySet()) {
            if (!wanted.getValue().equals(person.dimensions().get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static final List<String> COLUMNS = List.of("people", "withCase", "saidNo", "clock", "contacted",
            "due", "IN_TIME", "LATE", "OVERDUE", "NOT_YET_DUE", "SAID_NO", "ENDED_BEFORE_DUE");

    /** One group's true counts before publication. */
    private static final class Tally {
        long people;
        long withCase;
        long saidNo;
        final Map<QualifiedPerson.ClockState, Long> clocks = new EnumMap<>(QualifiedPerson.ClockState.class);
        final List<Integer> days = new ArrayList<>();

        void add(QualifiedPerson person) {
            people++;
            if (person.withCase()) {
                withCase++;
            }
            if (person.saidNo()) {
                saidNo++;
            }
            if (person.clock() != null) {
                clocks.merge(person.clock().state(), 1L, Long::sum);
                if (person.clock().days() != null) {
                    days.add(person.clock().days());
                }
            }
        }

        long clock(QualifiedPerson.ClockState state) {
            return clocks.getOrDefault(state, 0L);
        }

        long count(String column) {
            return switch (column) {
                case "people" -> people;
                case "withCase" -> withCase;
                case "saidNo" -> saidNo;
                case "clock" -> clocks.values().stream().mapToLong(Long::longValue).sum();
                case "contacted" -> clock(QualifiedPerson.ClockState.IN_TIME) + clock(QualifiedPerson.ClockState.LATE);
                case "due" -> clock(QualifiedPerson.ClockState.IN_TIME) + clock(QualifiedPerson.ClockState.LATE)
                        + clock(QualifiedPerson.ClockState.OVERDUE);
                default -> clock(QualifiedPerson.ClockState.valueOf(column));
            };
        }
    }

    private Row publish(Map<String, String> group, Tally t, Set<String> withheld) {
        PublishedValue x = disclosure.withheld();
        if (disclosure.count(t.people).isSuppressed() || withheld.contains("people")) {
            CohortImpact.ShareFigure none = new CohortImpact.ShareFigure(x, x, x, x);
            return new Row(group, x, none, x, new ClockFigures(x, x, x, x, x, x, x, x, x, none));
        }
        CohortImpact.ShareFigure uptake = CohortImpact.shareFigure(disclosure, t.withCase, t.people,
                withheld.contains("withCase"), false);
        long contacted = t.count("contacted");
        PublishedValue median = withheld.contains("contacted") ? x
                : disclosure.statistic(CohortImpact.median(t.days), contacted);
        ClockFigures clock = new ClockFigures(count(t, "clock", withheld), count(t, "contacted", withheld), median,
                count(t, "IN_TIME", withheld), count(t, "LATE", withheld), count(t, "OVERDUE", withheld),
                count(t, "NOT_YET_DUE", withheld), count(t, "SAID_NO", withheld),
                count(t, "ENDED_BEFORE_DUE", withheld),
                CohortImpact.shareFigure(disclosure, t.count("IN_TIME"), t.count("due"), withheld.contains("IN_TIME"),
                        withheld.contains("due")));
        return new Row(group, disclosure.count(t.people), uptake, count(t, "saidNo", withheld), clock);
    }

    private PublishedValue count(Tally t, String column, Set<String> withheld) {
        return withheld.contains(column) ? disclosure.withheld() : disclosure.count(t.count(column));
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int byValue = a.get(i).compareTo(b.get(i));
            if (byValue != 0) {
                return byValue;
            }
        }
        return 0;
    }
}
