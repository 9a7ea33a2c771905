package org.heard.reporting.cohort;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.heard.reporting.projection.ProjectedEvent.OrderKey;
import org.heard.reporting.projection.RawBson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

/**
 * {@code cohort_profile}: one document per person (by {@code _id}), holding their {@link PersonFacts} as one raw BSON
 * value ({@code facts}) and, as plain fields an analyst can query, their profile as it stands now: the categories,
 * {@code evaluationWithdrawn}, the counted {@code referrals} and the counted assessment {@code readings} in date order
 * (what consent to evaluation withholds is left out of both, as in the cohort figures).
 * When a person is erased their document is kept, without the person id, under the id of the erasure event: an
 * anonymous cohort fact, so cohort figures do not change while nothing person-level remains; events of theirs that
 * arrive after the erasure still fold into it (the tombstone in {@code erased_person} says where).
 */
public class ProfileStore {

    public static final String COLLECTION = "cohort_profile";
    private static final int READ_SLICE = 500;

    private final MongoCollection<Document> collection;

    public ProfileStore(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /** A stored person's facts: {@code personId} is null for an erased person's anonymous fact. */
    public record Stored(String id, String personId, PersonFacts facts) {

        public boolean erased() {
            return personId == null;
        }
    }

    public java.util.Optional<Stored> find(String id) {
        return java.util.Optional.ofNullable(collection.find(Filters.eq("_id", id)).first())
                .map(ProfileStore::fromDocument);
    }

    /** The stored documents of these ids; ids without one are absent from the map. */
    public Map<String, Stored> findAll(Collection<String> ids) {
        Map<String, Stored> found = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += READ_SLICE) {
            for (Document document : collection.find(Filters.in("_id", all.subList(from,
                    Math.min(all.size(), from + READ_SLICE)))).batchSize(READ_SLICE)) {
                Stored stored = fromDocument(document);
                found.put(stored.id(), stored);
            }
        }
        return found;
    }

    /** Every stored document, one at a time. */
    public void forEach(Consumer<Stored> action) {
        for (Document document : collection.find().batchSize(READ_SLICE)) {
            action.accept(fromDocument(document));
        }
    }

    public static WriteModel<Document> save(Stored stored) {
        return new ReplaceOneModel<>(Filters.eq("_id", stored.id()), toDocument(stored),
                new ReplaceOptions().upsert(true));
    }

    public static WriteModel<Document> delete(String id) {
        return new DeleteOneModel<>(Filters.eq("_id", id));
    }

    public MongoCollection<Document> collection() {
        return collection;
    }

    static Document toDocument(Stored stored) {
        PersonProfile now = PersonProfile.of(stored.facts());
        Document document = new Document("_id", stored.id())
                .append("personId", stored.personId())
                .append("erased", stored.erased())
                .append("counted", now != null);
        if (now != null) {
            document.append("advocacyType", now.advocacyType())
                    .append("ethnicGroup", now.ethnicGroup())
                    .append("ageBand", now.ageBand())
                    .append("gender", now.gender())
                    .append("legalStatusGroup", now.legalStatusGroup())
                    .append("disability", now.disability())
                    .append("quarter", now.quarter())
                    .append("provider", now.dimension("provider"))
                    .append("team", now.dimension("team"))
                    .append("referredOn", now.referredOn().toString())
                    .append("evaluationWithdrawn", now.evaluationWithdrawn())
                    .append("referrals", now.referrals().stream().map(ProfileStore::queryable).toList())
                    .append("readings", now.readings().stream().map(ProfileStore::queryable).toList());
        }
        return document.append("facts", RawBson.binary(encode(stored.facts())));
    }

    /**
     * A counted referral as analysts query it: {@code {caseId, advocacyType, referralSource, referredOn, provider,
     * team}}, dates as {@code yyyy-MM-dd}.
     */
    private static Document queryable(PersonProfile.Referral referral) {
        return new Document("caseId", referral.caseId())
                .append("advocacyType", referral.advocacyType())
                .append("referralSource", referral.referralSource())
                .append("referredOn", referral.referredOn().toString())
                .append("provider", referral.provider())
                .append("team", referral.team());
    }

    /**
     * A counted reading as analysts query it: {@code {frameworkId, version, timepoint, on, score, subscales: {name:
     * score}}}, scores as Decimal128, in date order in {@code readings}. Written from the facts on every save (never
     * pushed), so a redelivered assessment cannot add a second reading.
     */
    private static Document queryable(PersonProfile.Reading reading) {
        Document subscales = new Document();
        reading.subscales().forEach((name, score) -> subscales.append(name, decimal(score)));
        return new Document("frameworkId", reading.frameworkId())
                .append("version", reading.version())
                .append("timepoint", reading.timepoint())
                .append("on", reading.on().toString())
                .append("score", decimal(reading.score()))
                .append("subscales", subscales);
    }

    static Stored fromDocument(Document document) {
        return new Stored(document.getString("_id"), document.getString("personId"),
                decode(RawBson.read(document.get("facts", Binary.class))));
    }

    // ------------------------------------------------------------------------------------------ facts as raw BSON

    static RawBsonDocument encode(PersonFacts facts) {
        BsonArray all = new BsonArray();
        facts.facts().values().stream().sorted(java.util.Comparator.comparing(PersonFacts.Fact::identity))
                .forEach(fact -> all.add(encode(fact)));
        RawBsonDocument encoded = new RawBsonDocument(new BsonDocument("facts", all), new BsonDocumentCodec());
        if (encoded.getByteBuffer().remaining() > RawBson.MAX_STORED_BYTES) {
            throw new IllegalStateException("a profile over the document size limit");
        }
        return encoded;
    }

    private static BsonDocument encode(PersonFacts.Fact fact) {
        OrderKey order = fact.order();
        BsonDocument d = new BsonDocument("k", new BsonString(fact.getClass().getSimpleName()))
                .append("t", new BsonDateTime(order.time().toEpochMilli()))
                .append("a", new BsonString(order.aggregateId()))
                .append("s", new BsonInt64(order.sequence()));
        if (fact instanceof PersonFacts.Equality f) {
            d.append("ethnicCategory", text(f.ethnicCategory())).append("ageBand", text(f.ageBand()))
                    .append("gender", text(f.gender())).append("disabled", BsonBoolean.valueOf(f.disabled()));
        } else if (fact instanceof PersonFacts.Referral f) {
            d.append("caseId", text(f.caseId())).append("advocacyType", text(f.advocacyType()))
                    .append("referralSource", text(f.referralSource())).append("referredOn", date(f.referredOn()))
                    .append("providerId", text(f.providerId()));
        } else if (fact instanceof PersonFacts.Assignment f) {
            d.append("caseId", text(f.caseId())).append("team", text(f.team()));
        } else if (fact instanceof PersonFacts.LegalStatus f) {
            d.append("caseId", text(f.caseId())).append("code", text(f.code())).append("startedOn", date(f.startedOn()));
        } else if (fact instanceof PersonFacts.FirstContact f) {
            d.append("caseId", text(f.caseId())).append("contactOn", date(f.contactOn()))
                    .append("days", new BsonInt32(f.daysFromReferral()));
        } else if (fact instanceof PersonFacts.Reading f) {
            BsonArray subscales = new BsonArray();
            f.subscales().forEach(s -> subscales.add(new BsonDocument("name", new BsonString(s.name()))
                    .append("score", decimal(s.score()))));
            d.append("assessmentId", text(f.assessmentId())).append("caseId", text(f.caseId()))
                    .append("frameworkId", text(f.frameworkId())).append("version", new BsonInt32(f.version()))
                    .append("timepoint", text(f.timepoint())).append("completedOn", date(f.completedOn()))
                    .append("score", decimal(f.score())).append("subscales", subscales);
            if (!f.responses().isEmpty()) {
                BsonDocument responses = new BsonDocument();
                f.responses().forEach((item, value) -> responses.append(item, new BsonInt32(value)));
                d.append("responses", responses);
            }
        } else if (fact instanceof PersonFacts.Involvement f) {
            d.append("involvementId", text(f.involvementId())).append("caseId", text(f.caseId()))
                    .append("heldOn", date(f.heldOn())).append("participation", text(f.participation()))
                    .append("viewsTaken", text(f.viewsTaken()));
        } else if (fact instanceof PersonFacts.Outcome f) {
            d.append("outcomeId", text(f.outcomeId())).append("caseId", text(f.caseId()))
                    .append("domain", text(f.domain())).append("perspective", text(f.perspective()))
                    .append("recordedOn", date(f.recordedOn())).append("retracted", BsonBoolean.valueOf(f.retracted()));
        } else if (fact instanceof PersonFacts.IssueResolution f) {
            d.append("issueId", text(f.issueId())).append("caseId", text(f.caseId()))
                    .append("resolution", text(f.resolution())).append("resolvedOn", date(f.resolvedOn()));
        } else if (fact instanceof PersonFacts.Consent f) {
            d.append("withdrawn", BsonBoolean.valueOf(f.withdrawn())).append("on", date(f.on()));
        } else if (fact instanceof PersonFacts.QualifyingEpisode f) {
            d.append("episodeId", text(f.episodeId())).append("code", text(f.legalStatusCode()))
                    .append("system", text(f.codeSystem())).append("startedAt", instant(f.startedAt()))
                    .append("notifiedAt", instant(f.notifiedAt())).append("organisation", text(f.organisation()))
                    .append("site", text(f.site())).append("ward", text(f.ward()));
        } else if (fact instanceof PersonFacts.QualifyingState f) {
            d.append("episodeId", text(f.episodeId())).append("endReason", text(f.endReason()))
                    .append("at", instant(f.at()));
        } else if (fact instanceof PersonFacts.AutomaticReferral f) {
            d.append("episodeId", text(f.episodeId())).append("caseId", text(f.caseId()))
                    .append("notifiedAt", instant(f.notifiedAt())).append("dueBy", instant(f.firstContactDueBy()));
        } else if (fact instanceof PersonFacts.OptOut f) {
            d.append("episodeId", text(f.episodeId())).append("caseId", text(f.caseId()))
                    .append("recordedOn", date(f.recordedOn())).append("kind", text(f.kind()));
        } else if (fact instanceof PersonFacts.Declined f) {
            d.append("caseId", text(f.caseId())).append("declinedOn", date(f.declinedOn()));
        } else if (fact instanceof PersonFacts.MergedPerson f) {
            d.append("mergedPersonId", text(f.mergedPersonId()));
        }
        return d;
    }

    static PersonFacts decode(BsonDocument stored) {
        Map<String, PersonFacts.Fact> facts = new HashMap<>();
        for (BsonValue value : stored.getArray("facts")) {
            BsonDocument d = value.asDocument();
            OrderKey order = new OrderKey(Instant.ofEpochMilli(d.getDateTime("t").getValue()),
                    d.getString("a").getValue(), d.getInt64("s").getValue());
            PersonFacts.Fact fact = switch (d.getString("k").getValue()) {
                case "Equality" -> new PersonFacts.Equality(order, text(d, "ethnicCategory"), text(d, "ageBand"),
                        text(d, "gender"), d.getBoolean("disabled").getValue());
                case "Referral" -> new PersonFacts.Referral(order, text(d, "caseId"), text(d, "advocacyType"),
                        text(d, "referralSource"), date(d, "referredOn"), text(d, "providerId"));
                case "Assignment" -> new PersonFacts.Assignment(order, text(d, "caseId"), text(d, "team"));
                case "LegalStatus" -> new PersonFacts.LegalStatus(order, text(d, "caseId"), text(d, "code"),
                        date(d, "startedOn"));
                case "FirstContact" -> new PersonFacts.FirstContact(order, text(d, "caseId"), date(d, "contactOn"),
                        d.getInt32("days").getValue());
                case "Reading" -> {
                    List<PersonFacts.Subscale> subscales = new ArrayList<>();
                    for (BsonValue s : d.getArray("subscales")) {
                        subscales.add(new PersonFacts.Subscale(s.asDocument().getString("name").getValue(),
                                s.asDocument().getDecimal128("score").getValue().bigDecimalValue()));
                    }
                    // profiles stored before responses were kept have none (a rebuild fills them in)
                    Map<String, Integer> responses = new HashMap<>();
                    if (d.containsKey("responses")) {
                        d.getDocument("responses").forEach((item, v) -> responses.put(item, v.asInt32().getValue()));
                    }
                    yield new PersonFacts.Reading(order, text(d, "assessmentId"), text(d, "caseId"),
                            text(d, "frameworkId"), d.getInt32("version").getValue(), text(d, "timepoint"),
                            date(d, "completedOn"), d.getDecimal128("score").getValue().bigDecimalValue(), subscales,
                            responses);
                }
                case "Involvement" -> new PersonFacts.Involvement(order, text(d, "involvementId"), text(d, "caseId"),
                        date(d, "heldOn"), text(d, "participation"), text(d, "viewsTaken"));
                case "Outcome" -> new PersonFacts.Outcome(order, text(d, "outcomeId"), text(d, "caseId"),
                        text(d, "domain"), text(d, "perspective"), date(d, "recordedOn"),
                        d.getBoolean("retracted").getValue());
                case "IssueResolution" -> new PersonFacts.IssueResolution(order, text(d, "issueId"), text(d, "caseId"),
                        text(d, "resolution"), date(d, "resolvedOn"));
                case "Consent" -> new PersonFacts.Consent(order, d.getBoolean("withdrawn").getValue(), date(d, "on"));
                case "QualifyingEpisode" -> new PersonFacts.QualifyingEpisode(order, text(d, "episodeId"),
                        text(d, "code"), text(d, "system"), instant(d, "startedAt"), instant(d, "notifiedAt"),
                        text(d, "organisation"), text(d, "site"), text(d, "ward"));
                case "QualifyingState" -> new PersonFacts.QualifyingState(order, text(d, "episodeId"),
                        text(d, "endReason"), instant(d, "at"));
                case "AutomaticReferral" -> new PersonFacts.AutomaticReferral(order, text(d, "episodeId"),
                        text(d, "caseId"), instant(d, "notifiedAt"), instant(d, "dueBy"));
                case "OptOut" -> new PersonFacts.OptOut(order, text(d, "episodeId"), text(d, "caseId"),
                        date(d, "recordedOn"), text(d, "kind"));
                case "Declined" -> new PersonFacts.Declined(order, text(d, "caseId"), date(d, "declinedOn"));
                case "MergedPerson" -> new PersonFacts.MergedPerson(order, text(d, "mergedPersonId"));
                default -> throw new IllegalStateException("unknown stored fact kind");
            };
            facts.put(fact.identity(), fact);
        }
        return new PersonFacts(facts);
    }

    private static BsonValue text(String value) {
        return value == null ? BsonNull.VALUE : new BsonString(value);
    }

    private static BsonValue date(LocalDate value) {
        return value == null ? BsonNull.VALUE : new BsonString(value.toString());
    }

    /** An instant as ISO text: every digit kept, so a stored fact equals the one folded. */
    private static BsonValue instant(Instant value) {
        return value == null ? BsonNull.VALUE : new BsonString(value.toString());
    }

    private static Instant instant(BsonDocument d, String field) {
        String value = text(d, field);
        return value == null ? null : Instant.parse(value);
    }

    private static BsonValue decimal(BigDecimal value) {
        // Decimal128 holds 34 significant digits: round to them (an exponent beyond its range still fails)
        return value == null ? BsonNull.VALUE
                : new BsonDecimal128(new Decimal128(value.round(java.math.MathContext.DECIMAL128)));
    }

    private static String text(BsonDocument d, String field) {
        BsonValue value = d.get(field);
        return value == null || value.isNull() ? null : value.asString().getValue();
    }

    private static LocalDate date(BsonDocument d, String field) {
        String value = text(d, field);
        return value == null ? null : LocalDate.parse(value);
    }
}
