package org.heard.reporting.cohort;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.heard.reporting.projection.RawBson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

/**
 * {@code cohort_profile}: what the cohort views need of each person (categories and facts, no personal data), one
 * document per person addressed by {@code _id}; the categories are plain fields, every assessment reading, the outcomes
 * and the case ids one raw BSON value ({@code detail}). Trajectories are a pure function of the readings
 * ({@link Trajectory#of}), worked out when they are read rather than on every write. When a person is erased their document loses
 * the person id and is kept under the id of the erasure event as an anonymous cohort fact, so cohort figures do not
 * change while nothing person-level remains.
 */
public class ProfileStore {

    public static final String COLLECTION = "cohort_profile";

    private final MongoCollection<Document> collection;

    public ProfileStore(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /** A stored profile: {@code personId} is null for an erased person's anonymous fact. */
    public record Stored(String id, String personId, PersonProfile profile) {

        public boolean erased() {
            return personId == null;
        }
    }

    /** The changes of one batch: profiles to write and documents to remove, in one bulk write. */
    public void write(Collection<Stored> saves, Collection<String> deletes) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (String id : deletes) {
            writes.add(new DeleteOneModel<>(Filters.eq("_id", id)));
        }
        for (Stored stored : saves) {
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", stored.id()), toDocument(stored),
                    new ReplaceOptions().upsert(true)));
        }
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(true));
        }
    }

    public java.util.Optional<Stored> find(String id) {
        return java.util.Optional.ofNullable(collection.find(Filters.eq("_id", id)).first())
                .map(ProfileStore::fromDocument);
    }

    /** Every stored profile, one at a time. */
    public void forEach(Consumer<Stored> action) {
        for (Document document : collection.find()) {
            action.accept(fromDocument(document));
        }
    }

    static Document toDocument(Stored stored) {
        PersonProfile p = stored.profile();
        List<Document> readings = new ArrayList<>();
        for (PersonProfile.Reading r : p.readings()) {
            Document subscales = new Document();
            r.subscales().forEach((name, value) -> subscales.append(name, new Decimal128(value)));
            readings.add(new Document("frameworkId", r.frameworkId()).append("version", r.version())
                    .append("timepoint", r.timepoint()).append("on", r.on().toString())
                    .append("score", new Decimal128(r.score())).append("subscales", subscales));
        }
        return new Document("_id", stored.id())
                .append("personId", stored.personId())
                .append("erased", stored.erased())
                .append("advocacyType", p.advocacyType())
                .append("ethnicGroup", p.ethnicGroup())
                .append("ageBand", p.ageBand())
                .append("gender", p.gender())
                .append("legalStatusGroup", p.legalStatusGroup())
                .append("disability", p.disability())
                .append("quarter", p.quarter())
                .append("referredOn", p.referredOn() == null ? null : p.referredOn().toString())
                .append("daysToFirstContact", p.daysToFirstContact())
                .append("forums", p.forums())
                .append("forumsTakingPart", p.forumsTakingPart())
                .append("forumsViewsTaken", p.forumsViewsTaken())
                .append("issuesResolved", p.issuesResolved())
                .append("issuesAchieved", p.issuesAchieved())
                // the nested parts as one raw BSON value: cheap to rewrite on the embedded store
                .append("detail", RawBson.binary(new Document("readings", readings)
                        .append("outcomes", new Document(new LinkedHashMap<>(p.outcomes())))
                        .append("caseIds", new ArrayList<>(p.caseIds()))));
    }

    static Stored fromDocument(Document storedDocument) {
        Document d = new Document(storedDocument);
        org.bson.types.Binary detail = storedDocument.get("detail", org.bson.types.Binary.class);
        if (detail != null) {
            d.putAll(RawBson.read(detail).decode(new org.bson.codecs.DocumentCodec()));
        }
        List<PersonProfile.Reading> readings = new ArrayList<>();
        for (Document r : d.getList("readings", Document.class, List.of())) {
            Map<String, BigDecimal> subscales = new LinkedHashMap<>();
            Document stored = r.get("subscales", Document.class);
            if (stored != null) {
                stored.forEach((name, value) -> subscales.put(name, decimal(value)));
            }
            readings.add(new PersonProfile.Reading(r.getString("frameworkId"), ((Number) r.get("version")).intValue(),
                    r.getString("timepoint"), LocalDate.parse(r.getString("on")), decimal(r.get("score")), subscales));
        }
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        Document storedOutcomes = d.get("outcomes", Document.class);
        if (storedOutcomes != null) {
            storedOutcomes.forEach((key, value) -> outcomes.put(key, ((Number) value).intValue()));
        }
        String referredOn = d.getString("referredOn");
        Number days = (Number) d.get("daysToFirstContact");
        PersonProfile profile = new PersonProfile(d.getString("advocacyType"), d.getString("ethnicGroup"),
                d.getString("ageBand"), d.getString("gender"), d.getString("legalStatusGroup"),
                d.getString("disability"), d.getString("quarter"),
                referredOn == null ? null : LocalDate.parse(referredOn), days == null ? null : days.intValue(),
                readings, d.getInteger("forums", 0), d.getInteger("forumsTakingPart", 0),
                d.getInteger("forumsViewsTaken", 0), outcomes, d.getInteger("issuesResolved", 0),
                d.getInteger("issuesAchieved", 0), new TreeSet<>(d.getList("caseIds", String.class, List.of())));
        return new Stored(d.getString("_id"), d.getString("personId"), profile);
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        return new BigDecimal(value.toString());
    }
}
