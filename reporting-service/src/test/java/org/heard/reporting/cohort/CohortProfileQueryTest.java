package org.heard.reporting.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.bson.BsonArray;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.heard.contracts.HeardEvent;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ConsentScope;
import org.heard.contracts.cases.ConsentWithdrawn;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.Timepoint;
import org.heard.contracts.testing.DockerIt;
import org.heard.reporting.ingest.TestMongo;
import org.heard.reporting.projection.ProjectedEvent;
import org.heard.reporting.projection.ProjectionWriter;
import org.heard.reporting.projection.Projections;
import org.heard.reporting.projection.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

/**
 * {@code cohort_profile} as an analyst with MongoDB tools reaches it: the README's MQL example ("people with an IMHA
 * case whose involvement subscale rose between their first and last empowerment reading") run through the MongoDB
 * Java driver against the store the real projection writer filled, its answer recomputed here from the events sent.
 * mongo-java-server by default; a real MongoDB under {@code -Pdocker-it}.
 */
@ExtendWith(DockerIt.class)
class CohortProfileQueryTest {

    /** The README's example, as given to {@code db.cohort_profile.aggregate(...)} in mongosh. */
    static final String INVOLVEMENT_ROSE_IN_IMHA = """
            [
              { $match: { counted: true, evaluationWithdrawn: false, 'referrals.advocacyType': 'IMHA' } },
              { $project: { readings: { $filter: { input: '$readings', as: 'r',
                                                   cond: { $eq: ['$$r.frameworkId', 'heard-empowerment'] } } } } },
              { $project: { first: { $arrayElemAt: ['$readings.subscales.involvement', 0] },
                            last: { $arrayElemAt: ['$readings.subscales.involvement', -1] } } },
              { $match: { $expr: { $gt: ['$last', '$first'] } } }
            ]
            """;

    private static final String EMPOWERMENT = "heard-empowerment";

    private static TestMongo mongo;
    private static MongoClient client;
    private static int databases;

    @BeforeAll
    static void start() {
        mongo = new TestMongo();
        client = MongoClients.create(mongo.uri());
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void theReadmeQueryFindsThePeopleWithAnImhaCaseWhoseInvolvementRoseAsTheEventsSay() {
        Scenario scenario = Scenario.sample();
        Projections store = fresh();
        assertThat(new ProjectionWriter(store, new ProfileIndex()).apply(scenario.arrivals(new Random(16)))
                .failures()).isEmpty();

        List<Document> rows = aggregate(store, INVOLVEMENT_ROSE_IN_IMHA);

        Map<String, BigDecimal[]> expected = scenario.involvementRoseInImha();
        assertThat(expected).as("the scenario has people the query must leave out")
                .isNotEmpty().hasSizeLessThan(scenario.imha().size());
        assertThat(rows).extracting(row -> scenario.label(row.getString("_id")))
                .containsExactlyInAnyOrderElementsOf(expected.keySet().stream().map(scenario::label).toList());
        for (Document row : rows) {
            BigDecimal[] firstAndLast = expected.get(row.getString("_id"));
            assertThat(row.get("first", Decimal128.class).bigDecimalValue()).isEqualByComparingTo(firstAndLast[0]);
            assertThat(row.get("last", Decimal128.class).bigDecimalValue()).isEqualByComparingTo(firstAndLast[1]);
        }
    }

    @Test
    void everyReadingIsThereOnceInDateOrderHoweverOftenItsEventIsDelivered() {
        Scenario scenario = Scenario.sample();
        Projections store = fresh();
        ProjectionWriter writer = new ProjectionWriter(store, new ProfileIndex());
        assertThat(writer.apply(scenario.arrivals(new Random(1))).failures()).isEmpty();
        List<Document> once = documents(store);

        // a redelivery of every assessment, then a rewind of the whole log in another order
        assertThat(writer.apply(scenario.assessments()).failures()).isEmpty();
        assertThat(writer.apply(scenario.arrivals(new Random(2))).failures()).isEmpty();

        for (String person : scenario.counted()) {
            Document profile = store.profiles().collection().find(new Document("_id", person)).first();
            List<String> readings = profile.getList("readings", Document.class).stream()
                    .map(r -> r.getString("frameworkId") + " " + r.getString("on") + " "
                            + r.get("score", Decimal128.class).bigDecimalValue().stripTrailingZeros().toPlainString()
                            + " " + r.get("subscales", Document.class).get("involvement", Decimal128.class)
                            .bigDecimalValue().stripTrailingZeros().toPlainString())
                    .toList();
            assertThat(readings).as(scenario.label(person))
                    .containsExactlyElementsOf(scenario.readingsAsStored(person));
        }
        assertThat(documents(store)).isEqualTo(once);
    }

    private static Projections fresh() {
        return Projections.in(1, client.getDatabase("cohort_query_" + ++databases));
    }

    private static List<Document> aggregate(Projections store, String pipeline) {
        List<Document> stages = new ArrayList<>();
        BsonArray.parse(pipeline).forEach(stage -> stages.add(Document.parse(stage.asDocument().toJson())));
        MongoCollection<Document> profiles = store.database().getCollection(ProfileStore.COLLECTION);
        return profiles.aggregate(stages).into(new ArrayList<>());
    }

    private static List<Document> documents(Projections store) {
        List<Document> all = store.profiles().collection().find().into(new ArrayList<>());
        all.sort(Comparator.comparing(d -> d.getString("_id")));
        return all;
    }

    /** People, their referrals, readings and consent, as events; and what an analyst should find among them. */
    record Scenario(List<ProjectedEvent> log, Map<String, String> labels) {

        static Scenario sample() {
            Builder b = new Builder();
            b.person("rose-in-three-readings").referral(AdvocacyType.IMHA, "2026-01-05")
                    .reading(EMPOWERMENT, "2026-01-12", "2.0").reading(EMPOWERMENT, "2026-02-23", "3.0")
                    .reading(EMPOWERMENT, "2026-04-06", "3.5");
            b.person("rose-baseline-entered-late").referral(AdvocacyType.IMHA, "2026-01-05")
                    .reading(EMPOWERMENT, "2026-01-12", "2.0", "2026-04-20").reading(EMPOWERMENT, "2026-03-02", "3.0");
            b.person("fell").referral(AdvocacyType.IMHA, "2026-01-05")
                    .reading(EMPOWERMENT, "2026-01-12", "3.0").reading(EMPOWERMENT, "2026-03-02", "2.5");
            b.person("one-reading").referral(AdvocacyType.IMHA, "2026-02-02").reading(EMPOWERMENT, "2026-02-09", "3.0");
            b.person("no-reading").referral(AdvocacyType.IMHA, "2026-02-02");
            b.person("rose-without-imha").referral(AdvocacyType.IMCA, "2026-01-05")
                    .reading(EMPOWERMENT, "2026-01-12", "2.0").reading(EMPOWERMENT, "2026-03-02", "4.0");
            b.person("rose-on-a-second-imha-case").referral(AdvocacyType.IMCA, "2025-11-03")
                    .referral(AdvocacyType.IMHA, "2026-01-05")
                    .reading(EMPOWERMENT, "2026-01-12", "1.5").reading(EMPOWERMENT, "2026-03-02", "2.5");
            b.person("rose-then-withdrew-consent").referral(AdvocacyType.IMHA, "2026-01-05")
                    .reading(EMPOWERMENT, "2026-01-12", "2.0").reading(EMPOWERMENT, "2026-03-02", "4.0")
                    .withdraw("2026-03-09");
            b.person("level-here-rose-elsewhere").referral(AdvocacyType.IMHA, "2026-01-05")
                    .reading(EMPOWERMENT, "2026-01-12", "3.0").reading("another-framework", "2026-01-19", "1.0")
                    .reading(EMPOWERMENT, "2026-03-02", "3.0").reading("another-framework", "2026-03-09", "5.0");
            b.person("rose-last-reading-elsewhere").referral(AdvocacyType.IMHA, "2026-01-05")
                    .reading(EMPOWERMENT, "2026-01-12", "2.0").reading(EMPOWERMENT, "2026-03-02", "3.0")
                    .reading("another-framework", "2026-04-06", "1.0");
            return new Scenario(b.log, b.labels);
        }

        /** Who a pseudonymous id is in this scenario, for messages. */
        String label(String person) {
            return labels.getOrDefault(person, person);
        }

        /** The log as a consumer might see it: shuffled, in one batch. */
        List<ProjectedEvent> arrivals(Random random) {
            List<ProjectedEvent> shuffled = new ArrayList<>(log);
            Collections.shuffle(shuffled, random);
            return shuffled;
        }

        List<ProjectedEvent> assessments() {
            return log.stream().filter(e -> e.event() instanceof AssessmentCompleted).toList();
        }

        private <T extends HeardEvent> List<T> all(Class<T> kind) {
            return log.stream().map(ProjectedEvent::event).filter(kind::isInstance).map(kind::cast).toList();
        }

        /** Everyone with a referral (all of this scenario's referrals count). */
        Set<String> counted() {
            Set<String> people = new TreeSet<>();
            all(ReferralReceived.class).forEach(r -> people.add(r.personId()));
            return people;
        }

        Set<String> imha() {
            Set<String> people = new TreeSet<>();
            all(ReferralReceived.class).stream().filter(r -> r.advocacyType() == AdvocacyType.IMHA)
                    .forEach(r -> people.add(r.personId()));
            return people;
        }

        private List<AssessmentCompleted> readings(String person) {
            return all(AssessmentCompleted.class).stream().filter(a -> a.personId().equals(person))
                    .sorted(Comparator.comparing(AssessmentCompleted::completedOn)).toList();
        }

        /**
         * By hand from the events: people with an IMHA referral, who have not withdrawn consent to evaluation, whose
         * involvement subscale at their last empowerment reading is above that at their first; with those two values.
         */
        Map<String, BigDecimal[]> involvementRoseInImha() {
            Set<String> withdrawn = new HashSet<>();
            all(ConsentWithdrawn.class).forEach(c -> withdrawn.add(c.personId()));
            Map<String, BigDecimal[]> rose = new TreeMap<>();
            for (String person : imha()) {
                List<BigDecimal> involvement = readings(person).stream()
                        .filter(a -> a.frameworkId().equals(EMPOWERMENT))
                        .map(a -> a.subscaleScores().get("involvement")).toList();
                if (!withdrawn.contains(person) && involvement.size() > 1
                        && involvement.get(involvement.size() - 1).compareTo(involvement.get(0)) > 0) {
                    rose.put(person, new BigDecimal[] {involvement.get(0), involvement.get(involvement.size() - 1)});
                }
            }
            return rose;
        }

        /** A person's readings as {@code frameworkId on score involvement}, in date order (none withheld here). */
        List<String> readingsAsStored(String person) {
            return readings(person).stream().map(a -> a.frameworkId() + " " + a.completedOn() + " "
                    + a.score().stripTrailingZeros().toPlainString() + " "
                    + a.subscaleScores().get("involvement").stripTrailingZeros().toPlainString()).toList();
        }

        /** Builds the log: each person a fresh pseudonymous id, a case per referral, an aggregate per assessment. */
        static final class Builder {

            final List<ProjectedEvent> log = new ArrayList<>();
            final Map<String, String> labels = new TreeMap<>();
            private String person;
            private String lastCase;
            private long consentSequence;

            Builder person(String label) {
                person = UUID.randomUUID().toString();
                labels.put(person, label);
                consentSequence = 0;
                return this;
            }

            Builder referral(AdvocacyType type, String on) {
                lastCase = UUID.randomUUID().toString();
                log.add(TestEvents.event(new ReferralReceived(lastCase, person, type, ReferralSource.PROFESSIONAL,
                        LocalDate.parse(on), null, null, null, null, "provider-1"), lastCase, 0, on + "T09:00:00Z"));
                return this;
            }

            /** A reading whose involvement subscale is {@code involvement} and whose total is four times it. */
            Builder reading(String framework, String on, String involvement) {
                return reading(framework, on, involvement, on);
            }

            /** A reading completed on one day and recorded on a later one (its event time). */
            Builder reading(String framework, String on, String involvement, String recordedOn) {
                BigDecimal subscale = new BigDecimal(involvement);
                String assessment = UUID.randomUUID().toString();
                log.add(TestEvents.event(new AssessmentCompleted(assessment, person, lastCase, framework, 1,
                        Timepoint.REVIEW, subscale.multiply(BigDecimal.valueOf(4)), LocalDate.parse(on), null, null,
                        Map.of("involvement", subscale)), assessment, 0, recordedOn + "T10:00:00Z"));
                return this;
            }

            Builder withdraw(String on) {
                log.add(TestEvents.event(new ConsentWithdrawn(person, ConsentScope.EVALUATION, LocalDate.parse(on)),
                        person, ++consentSequence, on + "T11:00:00Z"));
                return this;
            }
        }
    }
}
