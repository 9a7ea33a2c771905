package org.heard.outcomes.framework;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.outcomes.FrameworkItemDefined;
import org.heard.contracts.outcomes.FrameworkItemRemoved;
import org.heard.contracts.outcomes.FrameworkPurpose;
import org.heard.contracts.outcomes.FrameworkVersionDrafted;
import org.heard.contracts.outcomes.FrameworkVersionPublished;
import org.heard.contracts.outcomes.FrameworkVersionRetired;
import org.heard.contracts.outcomes.ReliableChangeBasis;
import org.heard.contracts.outcomes.ScoringRule;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;

/**
 * {@code framework_version}: every framework version with its items, kept in the command's transaction (subscribing),
 * so an assessment is always checked against the version as it is.
 */
@Component
@ProcessingGroup(FrameworkCatalogue.GROUP)
public class FrameworkCatalogue {

    public static final String GROUP = "framework-catalogue";

    private final JdbcTemplate jdbc;

    public FrameworkCatalogue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One item of a version. */
    public record Item(String itemId, String wording, int scaleMin, int scaleMax, List<String> scaleLabels,
                       String subscale, boolean reverseScored) {
    }

    /**
     * A version with its items in order.
     *
     * @param reliableChange what the version declared on publication for the reliable change index; null if nothing
     */
    public record FrameworkVersion(String frameworkId, int version, String name, FrameworkPurpose purpose,
                                   ScoringRule scoringRule, String status, List<Item> items,
                                   ReliableChangeBasis reliableChange) {
    }

    public Optional<FrameworkVersion> find(String frameworkId, int version) {
        return jdbc.query("select name, purpose, scoring_rule, status, items, reliable_change from framework_version"
                        + " where framework_id = ? and version = ?",
                (row, n) -> new FrameworkVersion(frameworkId, version, row.getString(1),
                        FrameworkPurpose.valueOf(row.getString(2)), ScoringRule.valueOf(row.getString(3)),
                        row.getString(4), items(row.getString(5)), basis(row.getString(6))), frameworkId, version)
                .stream().findFirst();
    }

    public boolean exists(String frameworkId) {
        Long count = jdbc.queryForObject("select count(*) from framework_version where framework_id = ?", Long.class,
                frameworkId);
        return count != null && count > 0;
    }

    @EventHandler
    void on(FrameworkVersionDrafted event) {
        jdbc.update("insert into framework_version (framework_id, version, name, purpose, scoring_rule, status, items)"
                        + " values (?, ?, ?, ?, ?, 'DRAFT', '[]') on conflict do nothing", event.frameworkId(),
                event.version(), event.name(), event.purpose().name(), event.scoringRule().name());
    }

    @EventHandler
    void on(FrameworkItemDefined event) {
        List<Item> items = new ArrayList<>(find(event.frameworkId(), event.version()).orElseThrow().items());
        Item item = new Item(event.itemId(), event.wording(), event.scaleMin(), event.scaleMax(), event.scaleLabels(),
                event.subscale(), event.reverseScored());
        int at = indexOf(items, event.itemId());
        if (at >= 0) {
            items.set(at, item);
        } else {
            items.add(item);
        }
        save(event.frameworkId(), event.version(), items);
    }

    @EventHandler
    void on(FrameworkItemRemoved event) {
        List<Item> items = new ArrayList<>(find(event.frameworkId(), event.version()).orElseThrow().items());
        items.removeIf(item -> item.itemId().equals(event.itemId()));
        save(event.frameworkId(), event.version(), items);
    }

    @EventHandler
    void on(FrameworkVersionPublished event) {
        status(event.frameworkId(), event.version(), "PUBLISHED");
        if (event.reliableChange() != null) {
            jdbc.update("update framework_version set reliable_change = ? where framework_id = ? and version = ?",
                    EventJson.mapper().writeValueAsString(event.reliableChange()), event.frameworkId(),
                    event.version());
        }
    }

    @EventHandler
    void on(FrameworkVersionRetired event) {
        status(event.frameworkId(), event.version(), "RETIRED");
    }

    private static int indexOf(List<Item> items, String itemId) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).itemId().equals(itemId)) {
                return i;
            }
        }
        return -1;
    }

    private void save(String frameworkId, int version, List<Item> items) {
        jdbc.update("update framework_version set items = ? where framework_id = ? and version = ?",
                EventJson.mapper().writeValueAsString(items), frameworkId, version);
    }

    private void status(String frameworkId, int version, String status) {
        jdbc.update("update framework_version set status = ? where framework_id = ? and version = ?", status,
                frameworkId, version);
    }

    private static ReliableChangeBasis basis(String json) {
        return json == null ? null : EventJson.mapper().readValue(json, ReliableChangeBasis.class);
    }

    private static List<Item> items(String json) {
        return EventJson.mapper().readValue(json, new TypeReference<List<Item>>() { });
    }
}
