package org.heard.reporting.wider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import org.heard.contracts.EventCatalogue;
import org.heard.contracts.EventType;
import org.heard.contracts.outcomes.SystemicChangeAchieved;
import org.heard.contracts.outcomes.SystemicIssueLinkedToCase;
import org.heard.contracts.outcomes.SystemicIssueLogged;
import org.heard.reporting.projection.ProjectedEvent;

/**
 * One systemic issue as the wider-impact view shows it, and the pure rule that applies its events: the cases linked
 * to it (a set) and the changes achieved (one per change id). Idempotent and independent of the order events arrive in,
 * like every projection here: applying an event again, or before an earlier one, gives the same view.
 */
public record WiderImpact(String systemicIssueId, String level, String theme, String loggedOn,
                          List<String> caseIds, List<Change> changes) {

    /** A change achieved. */
    public record Change(String changeId, String description, String achievedOn) {
    }

    public WiderImpact {
        caseIds = List.copyOf(caseIds);
        changes = List.copyOf(changes);
    }

    public static WiderImpact empty(String systemicIssueId) {
        return new WiderImpact(systemicIssueId, null, null, null, List.of(), List.of());
    }

    /** True for the event types this view is made of. */
    public static boolean concerns(EventType<?> type) {
        return type.equals(EventCatalogue.SYSTEMIC_ISSUE_LOGGED) || type.equals(EventCatalogue.SYSTEMIC_ISSUE_LINKED_TO_CASE)
                || type.equals(EventCatalogue.SYSTEMIC_CHANGE_ACHIEVED);
    }

    /** The view after the event (an equal view when it was already applied). */
    public WiderImpact apply(ProjectedEvent event) {
        if (event.event() instanceof SystemicIssueLogged logged) {
            return new WiderImpact(systemicIssueId, logged.level().name(), logged.theme(),
                    logged.loggedOn().toString(), caseIds, changes);
        }
        if (event.event() instanceof SystemicIssueLinkedToCase linked) {
            TreeSet<String> cases = new TreeSet<>(caseIds);
            cases.add(linked.caseId());
            return new WiderImpact(systemicIssueId, level, theme, loggedOn, new ArrayList<>(cases), changes);
        }
        if (event.event() instanceof SystemicChangeAchieved change) {
            List<Change> all = new ArrayList<>(changes);
            all.removeIf(c -> c.changeId().equals(change.changeId()));
            all.add(new Change(change.changeId(), change.description(), change.achievedOn().toString()));
            all.sort(Comparator.comparing(Change::achievedOn).thenComparing(Change::changeId));
            return new WiderImpact(systemicIssueId, level, theme, loggedOn, caseIds, all);
        }
        return this;
    }
}
