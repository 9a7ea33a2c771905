package org.heard.reporting.wider;

import java.util.ArrayList;
import java.util.List;

import org.heard.contracts.EventCatalogue;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.outcomes.SystemicChangeAchieved;
import org.heard.contracts.outcomes.SystemicIssueLinkedToCase;
import org.heard.contracts.outcomes.SystemicIssueLogged;

/**
 * One systemic issue as the wider-impact view shows it, and the pure rule that applies its events: the cases linked
 * to it (each once) and the changes achieved. Idempotent by the issue's event sequence.
 */
public record WiderImpact(String systemicIssueId, long lastSequence, String level, String theme, String loggedOn,
                          List<String> caseIds, List<Change> changes) {

    /** A change achieved. */
    public record Change(String changeId, String description, String achievedOn) {
    }

    public WiderImpact {
        caseIds = List.copyOf(caseIds);
        changes = List.copyOf(changes);
    }

    public static WiderImpact empty(String systemicIssueId) {
        return new WiderImpact(systemicIssueId, -1, null, null, null, List.of(), List.of());
    }

    /** True for the event types this view is made of. */
    public static boolean concerns(String type) {
        return type.equals(EventCatalogue.SYSTEMIC_ISSUE_LOGGED.type())
                || type.equals(EventCatalogue.SYSTEMIC_ISSUE_LINKED_TO_CASE.type())
                || type.equals(EventCatalogue.SYSTEMIC_CHANGE_ACHIEVED.type());
    }

    /** The view after the event, or the same instance when it was already applied. */
    public WiderImpact apply(EventEnvelope event) {
        if (event.sequence() <= lastSequence) {
            return this;
        }
        String type = event.type();
        if (type.equals(EventCatalogue.SYSTEMIC_ISSUE_LOGGED.type())) {
            SystemicIssueLogged logged = EventJson.fromBytes(EventCatalogue.SYSTEMIC_ISSUE_LOGGED, event.data());
            return new WiderImpact(systemicIssueId, event.sequence(), logged.level().name(), logged.theme(),
                    logged.loggedOn().toString(), caseIds, changes);
        }
        if (type.equals(EventCatalogue.SYSTEMIC_ISSUE_LINKED_TO_CASE.type())) {
            SystemicIssueLinkedToCase linked = EventJson.fromBytes(EventCatalogue.SYSTEMIC_ISSUE_LINKED_TO_CASE,
                    event.data());
            List<String> cases = new ArrayList<>(caseIds);
            if (!cases.contains(linked.caseId())) {
                cases.add(linked.caseId());
            }
            return new WiderImpact(systemicIssueId, event.sequence(), level, theme, loggedOn, cases, changes);
        }
        SystemicChangeAchieved change = EventJson.fromBytes(EventCatalogue.SYSTEMIC_CHANGE_ACHIEVED, event.data());
        List<Change> all = new ArrayList<>(changes);
        all.add(new Change(change.changeId(), change.description(), change.achievedOn().toString()));
        return new WiderImpact(systemicIssueId, event.sequence(), level, theme, loggedOn, caseIds, all);
    }
}
