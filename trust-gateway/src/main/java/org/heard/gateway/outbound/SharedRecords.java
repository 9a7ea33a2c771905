package org.heard.gateway.outbound;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.FrameworkItemDefined;
import org.heard.contracts.outcomes.FrameworkItemRemoved;
import org.heard.contracts.outcomes.FrameworkVersionDrafted;
import org.heard.contracts.outcomes.FrameworkVersionPublished;
import org.heard.contracts.outcomes.FrameworkVersionRetired;
import org.heard.contracts.outcomes.ItemResponse;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's read model of what it may share: framework versions and items, completed assessments, and consent to
 * sharing with the trust (the latest change by event time wins, so redelivery and reordering change nothing). An
 * erasure deletes the person's assessments and remembers only that they were erased.
 */
public class SharedRecords {

    /** A framework version as a Questionnaire shows it. */
    public record Framework(String frameworkId, int version, String name, String status, LocalDate publishedOn,
                            List<Item> items) {
    }

    public record Item(String itemId, String wording, int scaleMin, int scaleMax, String subscale) {
    }

    /** A completed assessment as a QuestionnaireResponse and its Observations show it. */
    public record Assessment(String assessmentId, String personId, String frameworkId, int frameworkVersion,
                             String timepoint, LocalDate completedOn, BigDecimal score, List<ItemResponse> responses,
                             Map<String, BigDecimal> subscales) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    public SharedRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void drafted(FrameworkVersionDrafted event) {
        jdbc.update("insert into shared_framework (framework_id, version, name, status) values (?, ?, ?, 'DRAFT')"
                        + " on conflict (framework_id, version) do update set name = excluded.name",
                event.frameworkId(), event.version(), event.name());
    }

    void itemDefined(FrameworkItemDefined event) {
        jdbc.update("insert into shared_framework_item (framework_id, version, item_id, wording, scale_min, scale_max,"
                        + " subscale, draft_revision) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (framework_id,"
                        + " version, item_id) do update set wording = excluded.wording, scale_min = excluded.scale_min,"
                        + " scale_max = excluded.scale_max, subscale = excluded.subscale, draft_revision ="
                        + " excluded.draft_revision where shared_framework_item.draft_revision <= excluded.draft_revision",
                event.frameworkId(), event.version(), event.itemId(), event.wording(), event.scaleMin(),
                event.scaleMax(), event.subscale(), event.draftRevision());
    }

    void itemRemoved(FrameworkItemRemoved event) {
        jdbc.update("delete from shared_framework_item where framework_id = ? and version = ? and item_id = ? and"
                + " draft_revision <= ?", event.frameworkId(), event.version(), event.itemId(), event.draftRevision());
    }

    void published(FrameworkVersionPublished event) {
        jdbc.update("insert into shared_framework (framework_id, version, status, published_on) values (?, ?,"
                        + " 'PUBLISHED', ?) on conflict (framework_id, version) do update set status = 'PUBLISHED',"
                        + " published_on = excluded.published_on where shared_framework.status <> 'RETIRED'",
                event.frameworkId(), event.version(), Date.valueOf(event.publishedOn()));
    }

    void retired(FrameworkVersionRetired event) {
        jdbc.update("update shared_framework set status = 'RETIRED' where framework_id = ? and version = ?",
                event.frameworkId(), event.version());
    }

    void assessment(AssessmentCompleted event) {
        if (isErased(event.personId())) {
            return;
        }
        jdbc.update("insert into shared_assessment (assessment_id, person_id, framework_id, framework_version,"
                        + " timepoint, completed_on, score, responses, subscales) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (assessment_id) do nothing",
                event.assessmentId(), event.personId(), event.frameworkId(), event.frameworkVersion(),
                event.timepoint().name(), Date.valueOf(event.completedOn()), event.score(),
                JSON.writeValueAsString(event.responses()), JSON.writeValueAsString(event.subscaleScores()));
    }

    void consent(String personId, boolean given, Instant eventTime) {
        jdbc.update("insert into sharing_consent (person_id, given, event_time) values (?, ?, ?) on conflict"
                        + " (person_id) do update set given = excluded.given, event_time = excluded.event_time"
                        + " where sharing_consent.event_time <= excluded.event_time and not sharing_consent.erased",
                personId, given, Timestamp.from(eventTime));
    }

    void erase(String personId) {
        jdbc.update("delete from shared_assessment where person_id = ?", personId);
        jdbc.update("insert into sharing_consent (person_id, given, event_time, erased) values (?, false, now(), true)"
                + " on conflict (person_id) do update set given = false, erased = true", personId);
    }

    boolean isErased(String personId) {
        return Boolean.TRUE.equals(jdbc.query("select erased from sharing_consent where person_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE, personId));
    }

    /** True while the person's consent to sharing with the trust stands (and they are not erased). */
    public boolean sharing(String personId) {
        return Boolean.TRUE.equals(jdbc.query("select given and not erased from sharing_consent where person_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE, personId));
    }

    public Optional<Framework> framework(String frameworkId, int version) {
        List<Item> items = jdbc.query("select item_id, wording, scale_min, scale_max, subscale from"
                        + " shared_framework_item where framework_id = ? and version = ? order by position",
                (rs, n) -> new Item(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5)),
                frameworkId, version);
        return jdbc.query("select name, status, published_on from shared_framework where framework_id = ? and"
                        + " version = ? and status <> 'DRAFT'",
                (rs, n) -> new Framework(frameworkId, version, rs.getString(1), rs.getString(2),
                        rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate(), items),
                frameworkId, version).stream().findFirst();
    }

    /** The person's completed assessments dated within the range (either end may be null), oldest first. */
    public List<Assessment> assessments(String personId, LocalDate from, LocalDate to) {
        StringBuilder sql = new StringBuilder("select assessment_id, framework_id, framework_version, timepoint,"
                + " completed_on, score, responses, subscales from shared_assessment where person_id = ?");
        List<Object> args = new java.util.ArrayList<>(List.of(personId));
        if (from != null) {
            sql.append(" and completed_on >= ?");
            args.add(Date.valueOf(from));
        }
        if (to != null) {
            sql.append(" and completed_on <= ?");
            args.add(Date.valueOf(to));
        }
        sql.append(" order by completed_on, assessment_id");
        return jdbc.query(sql.toString(),
                (rs, n) -> new Assessment(rs.getString(1), personId, rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getDate(5).toLocalDate(), rs.getBigDecimal(6),
                        JSON.readValue(rs.getString(7), new TypeReference<List<ItemResponse>>() { }),
                        JSON.readValue(rs.getString(8), new TypeReference<LinkedHashMap<String, BigDecimal>>() { })),
                args.toArray());
    }
}
