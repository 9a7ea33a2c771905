package org.heard.reporting.uptake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ContactMode;
import org.heard.contracts.cases.DeclineReason;
import org.heard.contracts.cases.FirstContactMade;
import org.heard.contracts.cases.ReferralDeclined;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.persons.EqualityDetails;
import org.heard.contracts.persons.EqualityDetailsCorrected;
import org.heard.contracts.persons.Gender;
import org.heard.contracts.persons.PersonRegistered;
import org.heard.contracts.trust.AutomaticImhaReferralMade;
import org.heard.contracts.trust.EpisodeEndReason;
import org.heard.contracts.trust.ImhaOptOutRecorded;
import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.heard.contracts.trust.OptOutKind;
import org.heard.contracts.trust.QualifyingEpisodeEnded;
import org.heard.contracts.trust.QualifyingEpisodeReinstated;
import org.heard.contracts.trust.QualifyingEpisodeStarted;
import org.heard.contracts.trust.TrustPersonsMerged;
import org.heard.contracts.trust.TrustProtocol;
import org.heard.reporting.cohort.PersonFacts;
import org.heard.reporting.cohort.ProfileIndex;
import org.heard.reporting.disclosure.Disclosure;
import org.heard.reporting.disclosure.DisclosureRule;
import org.heard.reporting.projection.Deliveries;
import org.heard.reporting.projection.ProjectedEvent;
import org.heard.reporting.projection.ProjectionWriter;
import org.heard.reporting.projection.Projections;
import org.heard.reporting.projection.TestEvents;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The uptake table does not depend on how Kafka delivered the events: the same trust feed and casework, read with the
 * case and trust topics interleaved at random, redelivered and rewound, in random batches, and the people read in any
 * order, give exactly the table that the ordered log folded once gives. Both through the pure fold
 * ({@link PersonFacts#apply}) and through the real projection writer and store (mongo-java-server in memory), the
 * index the endpoint reads and the index a restart loads from the store.
 */
class UptakeFoldPropertiesTest {

    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Uptake EXACT = new Uptake(new Disclosure(new DisclosureRule(0, 1)));
    private static final Uptake STANDARD = new Uptake(new Disclosure(DisclosureRule.standard()));
    /** The queries compared: exact and published, ungrouped and by the dimensions the scenario varies. */
    private static final List<List<String>> GROUPINGS = List.of(List.of(), List.of("ward"),
            List.of("month", "legalStatus"), List.of("ethnicGroup"));

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

    @Property(tries = 50)
    void reorderedAndRedeliveredEventsGiveTheTableOfTheOrderedLog(@ForAll long seed) {
        Random random = new Random(seed);
        Scenario scenario = Scenario.random(random);
        String once = tables(pureFold(scenario.log));
        List<ProjectedEvent> arrivals = random.nextBoolean() ? Deliveries.shuffledWithRepeats(scenario.log, random)
                : Deliveries.asKafkaDelivers(scenario.log, random);

        // the pure fold, one event at a time as they arrive, the people then read in another order
        List<Uptake.Input> folded = pureFold(arrivals);
        Collections.shuffle(folded, random);
        assertThat(tables(folded)).isEqualTo(once);

        // the real writer in random batches, and what the endpoint reads: the live index, and the index a restart
        // loads from the store
        Projections live = Projections.in(1, client.getDatabase("uptake_" + DATABASES.incrementAndGet()));
        ProfileIndex index = new ProfileIndex();
        ProjectionWriter writer = new ProjectionWriter(live, index);
        for (List<ProjectedEvent> batch : Deliveries.batches(arrivals, random)) {
            assertThat(writer.apply(batch).failures()).isEmpty();
        }
        assertThat(tables(inputs(index))).isEqualTo(once);
        ProfileIndex restarted = new ProfileIndex();
        restarted.loadFrom(live.profiles());
        assertThat(tables(inputs(restarted))).isEqualTo(once);
    }

    /** Every grouping under both rules, as text: rows are sorted by group, so equal tables give equal text. */
    private static String tables(List<Uptake.Input> people) {
        StringBuilder text = new StringBuilder();
        for (Uptake rule : List.of(EXACT, STANDARD)) {
            for (List<String> groupBy : GROUPINGS) {
                text.append(groupBy).append('\n');
                rule.compute(people, Map.of(), groupBy, null, null, NOW).forEach(row -> text.append(row).append('\n'));
            }
            text.append(rule.compute(people, Map.of(), List.of("ward"), LocalDate.parse("2026-03-01"),
                    LocalDate.parse("2026-03-31"), NOW)).append('\n');
        }
        return text.toString();
    }

    /** Each person's events folded one at a time in the order given (the live fold), as the uptake view holds them. */
    private static List<Uptake.Input> pureFold(List<ProjectedEvent> events) {
        Map<String, PersonFacts> byPerson = new LinkedHashMap<>();
        for (ProjectedEvent event : events) {
            byPerson.put(event.key(), PersonFacts.apply(byPerson.getOrDefault(event.key(), PersonFacts.empty()),
                    event));
        }
        List<Uptake.Input> inputs = new ArrayList<>();
        byPerson.forEach((person, facts) -> {
            PersonFacts forUptake = facts.forUptake();
            if (forUptake != null) {
                inputs.add(new Uptake.Input(person, person, forUptake));
            }
        });
        return inputs;
    }

    private static List<Uptake.Input> inputs(ProfileIndex index) {
        return index.uptake().stream().map(p -> new Uptake.Input(p.id(), p.personId(), p.facts())).toList();
    }

    /**
     * Qualifying patients of two wards over two months, as the trust gateway and case-service log them: episodes
     * (some ended, cancelled, reinstated, or a second one later), automatic referrals with contact in time, late or
     * not at all, opt-outs, declines, self-referrals, equality corrections, and merges of one person's two records.
     */
    private static final class Scenario {

        final List<ProjectedEvent> log = new ArrayList<>();
        private final Map<String, Long> sequences = new HashMap<>();
        private final Random random;

        private Scenario(Random random) {
            this.random = random;
        }

        static Scenario random(Random random) {
            Scenario scenario = new Scenario(random);
            int people = 2 + random.nextInt(12);
            List<String> ids = new ArrayList<>();
            for (int p = 0; p < people; p++) {
                String person = "person-" + p + "-" + random.nextInt(1000);
                ids.add(person);
                scenario.person(person);
            }
            // some records merged into another (now and then a chain)
            for (int m = 0; m < random.nextInt(3); m++) {
                String survivor = ids.get(random.nextInt(ids.size()));
                String merged = ids.get(random.nextInt(ids.size()));
                if (!survivor.equals(merged)) {
                    Instant at = Instant.parse("2026-05-01T09:00:00Z").plusSeconds(random.nextInt(1_000_000));
                    scenario.add(new TrustPersonsMerged(survivor, merged, at, "RX1"), survivor, at);
                }
            }
            return scenario;
        }

        private void add(HeardEvent event, String aggregate, Instant time) {
            long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
            log.add(TestEvents.event(event, aggregate, sequence, time));
        }

        private Instant someTimeIn(String month) {
            return LocalDate.parse(month + "-01").atTime(8, 0).atZone(LONDON).toInstant()
                    .plusSeconds(random.nextInt(27 * 24 * 3600));
        }

        private static LocalDate day(Instant instant) {
            return LocalDate.ofInstant(instant, LONDON);
        }

        private void person(String person) {
            add(new PersonRegistered(person, null, null, null, null, new EqualityDetails(random.nextBoolean() ? "A"
                    : "N", "25-34", Gender.values()[random.nextInt(Gender.values().length)], "en", false, List.of())),
                    "Person/" + person, Instant.parse("2026-01-05T09:00:00Z"));
            if (random.nextInt(4) == 0) {
                add(new EqualityDetailsCorrected(person, "x", new EqualityDetails("M", "35-44", Gender.WOMAN, "en",
                        false, List.of())), "Person/" + person, Instant.parse("2026-02-05T09:00:00Z"));
            }
            int episodes = 1 + random.nextInt(2);
            for (int e = 0; e < episodes; e++) {
                episode(person, person + "-ep-" + e);
            }
        }

        private void episode(String person, String episode) {
            Instant started = someTimeIn(random.nextBoolean() ? "2026-03" : "2026-04");
            Instant notified = started.plus(Duration.ofMinutes(5 + random.nextInt(600)));
            add(new QualifyingEpisodeStarted(person, episode, random.nextBoolean() ? "03" : "02",
                    LegalStatusCodeSystem.ENGLAND, started, notified, "RX1", "RX101",
                    random.nextBoolean() ? "Willow" : "Oak"), person, notified);
            String caseId = "case-" + episode;
            Instant due = notified.plus(Duration.ofDays(5));
            if (random.nextInt(5) > 0) {
                add(new AutomaticImhaReferralMade(person, episode, caseId, notified, due, "mha-1983-s130c"), person,
                        notified.plusSeconds(30));
                add(new ReferralReceived(caseId, person, AdvocacyType.IMHA, ReferralSource.TRUST_FEED, day(notified),
                        null, null, null, "RX1", "provider-1"), caseId, notified.plusSeconds(60));
                switch (random.nextInt(5)) {
                    case 0, 1 -> {
                        LocalDate on = day(notified).plusDays(random.nextInt(10));
                        add(new FirstContactMade(caseId, person, on, ContactMode.IN_PERSON, 0), caseId,
                                on.atTime(15, 0).atZone(LONDON).toInstant());
                    }
                    case 2 -> {
                        // the opt-out names the episode, its case, or both
                        boolean namesEpisode = random.nextBoolean();
                        add(new ImhaOptOutRecorded(person, namesEpisode ? episode : null,
                                !namesEpisode || random.nextBoolean() ? caseId : null, day(notified).plusDays(1),
                                OptOutKind.OPTED_OUT, TrustProtocol.FHIR), person, notified.plus(Duration.ofDays(1)));
                    }
                    case 3 -> add(new ReferralDeclined(caseId, person, day(notified).plusDays(2),
                            DeclineReason.PERSON_DID_NOT_WANT_ADVOCACY), caseId, notified.plus(Duration.ofDays(2)));
                    default -> {
                    }
                }
            } else if (random.nextBoolean()) {
                String asked = "self-" + episode;
                LocalDate on = day(started).plusDays(random.nextInt(20));
                add(new ReferralReceived(asked, person, AdvocacyType.IMHA, ReferralSource.SELF, on, null, null, null,
                        null, "provider-1"), asked, on.atTime(11, 0).atZone(LONDON).toInstant());
            }
            switch (random.nextInt(6)) {
                case 0 -> add(new QualifyingEpisodeEnded(person, episode, notified.plus(Duration.ofDays(
                        1 + random.nextInt(12))), EpisodeEndReason.DISCHARGED), person,
                        notified.plus(Duration.ofDays(13)));
                case 1 -> {
                    Instant cancelled = notified.plus(Duration.ofHours(2));
                    add(new QualifyingEpisodeEnded(person, episode, cancelled, EpisodeEndReason.CANCELLED), person,
                            cancelled);
                    if (random.nextBoolean()) {
                        add(new QualifyingEpisodeReinstated(person, episode, cancelled.plus(Duration.ofHours(3))),
                                person, cancelled.plus(Duration.ofHours(3)));
                    }
                }
                default -> {
                }
            }
        }
    }
}
