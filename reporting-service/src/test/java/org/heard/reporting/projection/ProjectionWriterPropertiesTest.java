package org.heard.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.heard.contracts.HeardEvent;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.AdvocateAssigned;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ConsentGiven;
import org.heard.contracts.cases.ConsentScope;
import org.heard.contracts.cases.ConsentWithdrawn;
import org.heard.contracts.cases.ContactMode;
import org.heard.contracts.cases.FirstContactMade;
import org.heard.contracts.cases.IssueCategory;
import org.heard.contracts.cases.IssueRaised;
import org.heard.contracts.cases.IssueResolution;
import org.heard.contracts.cases.IssueResolved;
import org.heard.contracts.cases.LegalStatusRecorded;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.involvement.Forum;
import org.heard.contracts.involvement.ForumScheduled;
import org.heard.contracts.involvement.InvolvementCorrected;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.contracts.involvement.Participation;
import org.heard.contracts.involvement.ViewsTaken;
import org.heard.contracts.outcomes.AssessmentCompleted;
import org.heard.contracts.outcomes.Extent;
import org.heard.contracts.outcomes.ImpactLevel;
import org.heard.contracts.outcomes.OutcomeDomain;
import org.heard.contracts.outcomes.OutcomeRecorded;
import org.heard.contracts.outcomes.OutcomeRetracted;
import org.heard.contracts.outcomes.OutcomeRevised;
import org.heard.contracts.outcomes.Perspective;
import org.heard.contracts.outcomes.SystemicChangeAchieved;
import org.heard.contracts.outcomes.SystemicIssueLinkedToCase;
import org.heard.contracts.outcomes.SystemicIssueLogged;
import org.heard.contracts.outcomes.Timepoint;
import org.heard.contracts.persons.EqualityDetails;
import org.heard.contracts.persons.EqualityDetailsCorrected;
import org.heard.contracts.persons.ErasureReason;
import org.heard.contracts.persons.Gender;
import org.heard.contracts.persons.PersonErased;
import org.heard.contracts.persons.PersonRegistered;
import org.heard.reporting.cohort.ProfileIndex;
import org.heard.reporting.cohort.ProfileStore;
import org.heard.reporting.timeline.PersonTimeline;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The projections are the same whatever order the event topics are read in: the same events, delivered interleaved
 * across the case, involvement and outcome topics in random orders, with redeliveries and rewinds, in random batches,
 * end as exactly the documents that one batch of the whole log in order gives (which is what a clean rebuild reads).
 * Against the real writer and store, on mongo-java-server in memory.
 */
class ProjectionWriterPropertiesTest {

    private static MongoServer server;
    private static MongoClient client;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeContainer
    static void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    @AfterContainer
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    @Property(tries = 60)
    void interleavedRedeliveredAndRewoundTopicsGiveTheProjectionsOfTheOrderedLog(@ForAll long seed) {
        Random random = new Random(seed);
        Scenario scenario = Scenario.random(random);
        List<ProjectedEvent> arrivals = random.nextInt(4) == 0 ? Deliveries.shuffledWithRepeats(scenario.log, random)
                : Deliveries.asKafkaDelivers(scenario.log, random);

        Projections live = fresh();
        ProjectionWriter writer = new ProjectionWriter(live, new ProfileIndex());
        for (List<ProjectedEvent> batch : Deliveries.batches(arrivals, random)) {
            assertThat(writer.apply(batch).failures()).isEmpty();
        }
        Projections clean = fresh();
        new ProjectionWriter(clean, null).apply(scenario.log);

        assertThat(snapshot(live)).isEqualTo(snapshot(clean));
        // and what they hold is every event of each person once (checked against the scenario, not the code)
        for (Map.Entry<String, Set<String>> person : scenario.eventsByPerson().entrySet()) {
            boolean erased = scenario.erased.contains(person.getKey());
            java.util.Optional<PersonTimeline> timeline = live.timelines().find(person.getKey());
            if (erased) {
                assertThat(timeline).isEmpty();
                assertThat(live.profiles().find(person.getKey())).isEmpty();
            } else {
                assertThat(timeline).hasValueSatisfying(t -> assertThat(t.entries()).extracting(
                        e -> e.aggregateId() + "#" + e.sequence()).containsExactlyInAnyOrderElementsOf(person.getValue()));
            }
        }
        assertThat(countAnonymousFacts(live)).isEqualTo(scenario.erased.size());
    }

    private static long countAnonymousFacts(Projections projections) {
        List<ProfileStore.Stored> anonymous = new ArrayList<>();
        projections.profiles().forEach(stored -> {
            if (stored.erased()) {
                anonymous.add(stored);
            }
        });
        return anonymous.size();
    }

    private static Projections fresh() {
        return Projections.in(1, client.getDatabase("property_" + DATABASES.incrementAndGet()));
    }

    private static Map<String, List<String>> snapshot(Projections projections) {
        Map<String, List<String>> snapshot = new TreeMap<>();
        for (String collection : Projections.COLLECTIONS) {
            List<String> documents = new ArrayList<>();
            for (Document document : projections.database().getCollection(collection).find()) {
                document.remove("version");
                documents.add(Canonical.json(document));
            }
            Collections.sort(documents);
            snapshot.put(collection, documents);
        }
        return snapshot;
    }

    /** Some people's casework, assessments, outcomes and consent, and a systemic issue, as the services log it. */
    private static final class Scenario {

        final List<ProjectedEvent> log = new ArrayList<>();
        final Set<String> erased = new HashSet<>();
        private final Map<String, Long> sequences = new HashMap<>();
        private final Random random;
        private Instant time = Instant.parse("2026-01-05T09:00:00Z");

        private Scenario(Random random) {
            this.random = random;
        }

        static Scenario random(Random random) {
            Scenario scenario = new Scenario(random);
            int people = 1 + random.nextInt(4);
            String issue = "issue-" + random.nextInt(1000);
            scenario.add(new SystemicIssueLogged(issue, ImpactLevel.WARD, "leave", null, LocalDate.parse("2026-01-05")),
                    issue);
            for (int p = 0; p < people; p++) {
                scenario.person("person-" + p + "-" + random.nextInt(1000), issue);
            }
            scenario.add(new SystemicChangeAchieved(issue, "change-1", "Leave planned ahead",
                    LocalDate.parse("2026-06-01")), issue);
            return scenario;
        }

        Map<String, Set<String>> eventsByPerson() {
            Map<String, Set<String>> byPerson = new HashMap<>();
            for (ProjectedEvent event : log) {
                if (event.type().aboutAPerson()) {
                    byPerson.computeIfAbsent(event.key(), k -> new HashSet<>()).add(event.order().eventKey());
                }
            }
            return byPerson;
        }

        private LocalDate day() {
            return LocalDate.parse("2026-01-05").plusDays(random.nextInt(300));
        }

        private void add(HeardEvent event, String aggregate) {
            time = time.plusSeconds(60 + random.nextInt(100_000));
            long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
            log.add(TestEvents.event(event, aggregate, sequence, time));
        }

        private void person(String person, String issue) {
            String caseId = "case-" + person;
            Gender[] genders = Gender.values();
            add(new PersonRegistered(person, null, null, null, null, new EqualityDetails(
                    random.nextBoolean() ? "N" : "A", "25-34", genders[random.nextInt(genders.length)], "en", false,
                    List.of())), person);
            add(new ReferralReceived(caseId, person, AdvocacyType.values()[random.nextInt(AdvocacyType.values().length)],
                    ReferralSource.SELF, day(), null, null, null, null), caseId);
            add(new AdvocateAssigned(caseId, person, "advocate-" + random.nextInt(3)), caseId);
            add(new LegalStatusRecorded(caseId, person, random.nextBoolean() ? "03" : "01", day(), null, true), caseId);
            add(new FirstContactMade(caseId, person, day(), ContactMode.IN_PERSON, random.nextInt(20)), caseId);
            int steps = 3 + random.nextInt(12);
            int involvements = 0;
            for (int i = 0; i < steps; i++) {
                switch (random.nextInt(9)) {
                    case 0 -> {
                        String id = person + "-issue-" + i;
                        add(new IssueRaised(caseId, person, id, IssueCategory.LEAVE, null, day()), caseId);
                        add(new IssueResolved(caseId, person, id, random.nextBoolean() ? IssueResolution.ACHIEVED
                                : IssueResolution.NOT_ACHIEVED, day()), caseId);
                    }
                    case 1, 2 -> {
                        String forum = person + "-forum-" + i;
                        add(new ForumScheduled(caseId, person, forum, Forum.WARD_ROUND, day()), caseId);
                        String involvement = person + "-involvement-" + involvements++;
                        add(new InvolvementRecorded(caseId, person, involvement, Forum.WARD_ROUND, day(), List.of(),
                                Participation.SPOKE_FOR_THEMSELVES_WITH_SUPPORT, ViewsTaken.YES, 30, forum), caseId);
                        if (random.nextBoolean()) {
                            add(new InvolvementCorrected(caseId, person, involvement, Forum.CPA_REVIEW, day(),
                                    List.of(), Participation.NOT_INVOLVED, ViewsTaken.NO, 15), caseId);
                        }
                    }
                    case 3, 4 -> {
                        String id = person + "-assessment-" + i;
                        add(new AssessmentCompleted(id, person, caseId, "heard-empowerment", 1,
                                Timepoint.values()[random.nextInt(Timepoint.values().length)],
                                BigDecimal.valueOf(6 + random.nextInt(25)), day(), null,
                                List.of(new org.heard.contracts.outcomes.ItemResponse("listened-to", 1 + random.nextInt(5)),
                                        new org.heard.contracts.outcomes.ItemResponse("hopeful", 1 + random.nextInt(5))),
                                Map.of("involvement", BigDecimal.valueOf(random.nextInt(5)))), id);
                    }
                    case 5 -> {
                        String id = person + "-outcome-" + i;
                        add(new OutcomeRecorded(id, person, caseId, OutcomeDomain.CARE_AND_TREATMENT, "x", null,
                                Perspective.SERVICE_USER, Extent.SOME, Extent.SOME, List.of(), day()), id);
                        if (random.nextBoolean()) {
                            add(new OutcomeRevised(id, person, caseId, OutcomeDomain.PERSONAL_DEVELOPMENT, "y", null,
                                    Perspective.ADVOCATE, Extent.SIGNIFICANT, Extent.SOME, List.of(), day()), id);
                        }
                        if (random.nextInt(3) == 0) {
                            add(new OutcomeRetracted(id, person, caseId, day()), id);
                        }
                    }
                    case 6 -> {
                        add(new ConsentWithdrawn(person, ConsentScope.EVALUATION, day()), person);
                        if (random.nextBoolean()) {
                            add(new ConsentGiven(person, ConsentScope.EVALUATION, day()), person);
                        }
                    }
                    case 7 -> add(new EqualityDetailsCorrected(person, "x", new EqualityDetails("M", "35-44",
                            Gender.WOMAN, "en", true, List.of())), person);
                    default -> add(new SystemicIssueLinkedToCase(issue, caseId, day()), issue);
                }
            }
            if (random.nextBoolean()) {
                add(new CaseClosed(caseId, person, ClosureReason.GOALS_MET, day()), caseId);
            }
            if (random.nextInt(4) == 0) {
                add(new PersonErased(person, ErasureReason.PERSON_REQUEST, day()), person);
                erased.add(person);
            }
        }
    }
}
