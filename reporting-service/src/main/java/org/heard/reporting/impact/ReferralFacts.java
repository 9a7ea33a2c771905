package org.heard.reporting.impact;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.reporting.disclosure.CohortCounts;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

/**
 * {@code referral_fact}: one document per referral with non-identifying facts (advocacy type, source, month and
 * quarter), addressed by case id, and the person's pseudonymous id only to honour a withdrawal of consent. They hold no
 * personal data, so they stay after a person's erasure (without the person id) and cohort counts do not change.
 */
public class ReferralFacts {

    public static final String COLLECTION = "referral_fact";
    /** The dimensions analysts may filter and group referrals by. */
    public static final List<String> DIMENSIONS = List.of("advocacyType", "referralSource", "month", "quarter");

    private final MongoCollection<Document> collection;

    public ReferralFacts(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /**
     * The fact document of a referral (a pure function of the event and the person's consent): excluded from analyst
     * outputs when the person had withdrawn consent to evaluation on or before the referral.
     */
    public static Document factOf(ReferralReceived referral, String evaluationWithdrawnSince) {
        LocalDate on = referral.referredOn();
        boolean excluded = evaluationWithdrawnSince != null && !on.isBefore(LocalDate.parse(evaluationWithdrawnSince));
        return new Document("_id", referral.caseId())
                .append("personId", referral.personId())
                .append("referredOn", on.toString())
                .append("excluded", excluded)
                .append("advocacyType", referral.advocacyType().name())
                .append("referralSource", referral.referralSource().name())
                .append("month", String.format("%d-%02d", on.getYear(), on.getMonthValue()))
                .append("quarter", on.getYear() + "-Q" + ((on.getMonthValue() - 1) / 3 + 1));
    }

    public void saveAll(Collection<Document> facts) {
        if (facts.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Document fact : facts) {
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", fact.get("_id")), fact, new ReplaceOptions().upsert(true)));
        }
        collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /**
     * Marks the person's referrals from a date on as excluded from analyst outputs (consent withdrawn) or included
     * again (consent given anew).
     */
    public void setExcluded(String personId, String fromDate, boolean excluded) {
        collection.updateMany(Filters.and(Filters.eq("personId", personId), Filters.gte("referredOn", fromDate)),
                new Document("$set", new Document("excluded", excluded)));
    }

    /** Erasure: the facts stay for the cohort counts, without the person's id. */
    public void forgetPeople(Collection<String> personIds) {
        if (!personIds.isEmpty()) {
            collection.updateMany(Filters.in("personId", personIds), new Document("$unset", new Document("personId", "")));
        }
    }

    /** Every referral that may be counted, as a fact row for the cohort counts. */
    public List<CohortCounts.Fact> all() {
        List<CohortCounts.Fact> facts = new ArrayList<>();
        for (Document document : collection.find(Filters.ne("excluded", true))) {
            facts.add(new CohortCounts.Fact(Map.of(
                    "advocacyType", document.getString("advocacyType"),
                    "referralSource", document.getString("referralSource"),
                    "month", document.getString("month"),
                    "quarter", document.getString("quarter"))));
        }
        return facts;
    }
}
