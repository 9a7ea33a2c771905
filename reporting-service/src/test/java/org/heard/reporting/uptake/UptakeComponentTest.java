package org.heard.reporting.uptake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ConsentScope;
import org.heard.contracts.cases.ConsentWithdrawn;
import org.heard.contracts.cases.ContactMode;
import org.heard.contracts.cases.DeclineReason;
import org.heard.contracts.cases.FirstContactMade;
import org.heard.contracts.cases.ReferralDeclined;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.trust.AutomaticImhaReferralMade;
import org.heard.contracts.trust.EpisodeEndReason;
import org.heard.contracts.trust.ImhaOptOutRecorded;
import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.heard.contracts.trust.OptOutKind;
import org.heard.contracts.trust.QualifyingEpisodeEnded;
import org.heard.contracts.trust.QualifyingEpisodeStarted;
import org.heard.contracts.trust.TrustPersonsMerged;
import org.heard.contracts.trust.TrustProtocol;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.heard.reporting.ingest.ReportingComponentBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/impact/uptake} over real HTTP, against the module's shared reporting-service, broker and store: a
 * trust's qualifying patients and what became of their IMHA referrals, sent as case-service and the trust gateway
 * publish them, and every figure worked out here from what was sent, through the standard rule (1-7 withheld, others
 * to the nearest 5).
 *
 * <p>The records cannot be counted by other classes on the shared broker: they are of an organisation, a provider and
 * people of this run only, and every person here withdrew consent to evaluation before they qualified, so no cohort
 * view counts them (uptake does not ask for that consent: it is the trust's count of who qualified). The test checks
 * that a cohort query of the provider finds nobody.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UptakeComponentTest extends ReportingComponentBase {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** An organisation and a provider nobody else sends. */
    private static final String ORGANISATION = "RUP" + RUN;
    private static final String PROVIDER = "provider-uptake-" + RUN;

    /** What became of one qualifying person's referral: the shapes the view tells apart. */
    enum Kind {
        /** Automatic referral, first contact on or before the due date. */
        CONTACTED_IN_TIME,
        /** Automatic referral, first contact after the due date. */
        CONTACTED_LATE,
        /** Automatic referral, no contact, due date passed. */
        OVERDUE,
        /** Automatic referral, the person opted out of it. */
        OPTED_OUT,
        /** Automatic referral, declined. */
        DECLINED,
        /** Automatic referral, discharged before the due time without contact. */
        ENDED_BEFORE_DUE,
        /** No automatic referral; they asked for IMHA themselves during the episode. */
        SELF_REFERRED,
        /** No automatic referral and no IMHA case. */
        NO_CASE,
        /** No automatic referral; discharged, then referred after the episode had ended (not uptake of it). */
        REFERRED_AFTER_DISCHARGE,
        /** The trust cancelled the episode in error: not a qualifying person at all. */
        CANCELLED,
        /** Two records the trust merged: one person, contacted in time on the earlier record's automatic case. */
        MERGED_CONTACTED_IN_TIME
    }

    /** One person the test sends, with the day their qualifying status began and the days to first contact. */
    private record Person(Kind kind, String id, Instant startedAt, int contactAfterDays) {
    }

    private final List<Person> people = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();

    @BeforeAll
    void sendTheTrustsPatients() throws Exception {
        // March 2026 (London dates): 32 qualifying people, 2 cancelled episodes
        add(Kind.CONTACTED_IN_TIME, 9, "2026-03-02T10:00:00Z");
        add(Kind.MERGED_CONTACTED_IN_TIME, 2, "2026-03-03T10:00:00Z");
        add(Kind.CONTACTED_LATE, 3, "2026-03-04T10:00:00Z");
        add(Kind.OVERDUE, 2, "2026-03-05T10:00:00Z");
        add(Kind.OPTED_OUT, 4, "2026-03-06T10:00:00Z");
        add(Kind.DECLINED, 2, "2026-03-09T10:00:00Z");
        add(Kind.ENDED_BEFORE_DUE, 1, "2026-03-10T10:00:00Z");
        add(Kind.SELF_REFERRED, 5, "2026-03-11T10:00:00Z");
        add(Kind.NO_CASE, 3, "2026-03-12T10:00:00Z");
        add(Kind.REFERRED_AFTER_DISCHARGE, 1, "2026-03-13T10:00:00Z");
        add(Kind.CANCELLED, 2, "2026-03-16T10:00:00Z");
        // April 2026: 3 people, one of them from 23:30 UTC on 31 March, which is 1 April in London (BST)
        add(Kind.CONTACTED_IN_TIME, 2, "2026-04-07T10:00:00Z");
        add(Kind.CONTACTED_IN_TIME, 1, "2026-03-31T23:30:00Z");

        for (Person person : people) {
            publish(person);
        }
    }

    private void add(Kind kind, int count, String startedAt) {
        for (int i = 0; i < count; i++) {
            // contact 1 to 4 days after notification when in time, 8 to 10 when late
            int days = kind == Kind.CONTACTED_LATE ? 8 + people.size() % 3 : 1 + people.size() % 4;
            people.add(new Person(kind, UUID.randomUUID().toString(), Instant.parse(startedAt), days));
        }
    }

    // ---- the events, as case-service (Person, AdvocacyCase) and the trust gateway (one aggregate per person) log them

    private void send(HeardEvent event, String aggregateType, String aggregateId, Instant time) throws Exception {
        // one sequence per aggregate id: case-service's Person and the gateway's TrustPatient are both keyed by the
        // person's id, and a sequence number must not repeat within one id
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        send(record(event, aggregateType, aggregateId, sequence, time.toString()));
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, LONDON);
    }

    private void publish(Person p) throws Exception {
        Instant started = p.startedAt();
        Instant notified = started.plus(Duration.ofHours(1));
        Instant due = notified.plus(Duration.ofDays(5));
        send(new ConsentWithdrawn(p.id(), ConsentScope.EVALUATION, LocalDate.parse("2026-01-15")), "Person", p.id(),
                Instant.parse("2026-01-15T09:00:00Z"));
        String episode = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        if (p.kind() == Kind.MERGED_CONTACTED_IN_TIME) {
            // the other record: qualified a day earlier, its automatic case contacted in time; then merged into p
            String other = UUID.randomUUID().toString();
            String otherEpisode = UUID.randomUUID().toString();
            String otherCase = UUID.randomUUID().toString();
            Instant otherStarted = started.minus(Duration.ofDays(1));
            Instant otherNotified = otherStarted.plus(Duration.ofHours(1));
            send(new ConsentWithdrawn(other, ConsentScope.EVALUATION, LocalDate.parse("2026-01-15")), "Person", other,
                    Instant.parse("2026-01-15T09:00:00Z"));
            qualify(other, otherEpisode, otherStarted, otherNotified);
            automatic(other, otherEpisode, otherCase, otherNotified, otherNotified.plus(Duration.ofDays(5)));
            contact(other, otherCase, day(otherNotified).plusDays(p.contactAfterDays()));
            qualify(p.id(), episode, started, notified);
            send(new TrustPersonsMerged(p.id(), other, notified.plus(Duration.ofDays(20)), ORGANISATION),
                    "TrustPatient", p.id(), notified.plus(Duration.ofDays(20)));
            return;
        }
        qualify(p.id(), episode, started, notified);
        switch (p.kind()) {
            case CONTACTED_IN_TIME, CONTACTED_LATE -> {
                automatic(p.id(), episode, caseId, notified, due);
                contact(p.id(), caseId, day(notified).plusDays(p.contactAfterDays()));
            }
            case OVERDUE -> automatic(p.id(), episode, caseId, notified, due);
            case OPTED_OUT -> {
                automatic(p.id(), episode, caseId, notified, due);
                send(new ImhaOptOutRecorded(p.id(), episode, caseId, day(notified).plusDays(1), OptOutKind.OPTED_OUT,
                        TrustProtocol.HL7V2), "TrustPatient", p.id(), notified.plus(Duration.ofDays(1)));
            }
            case DECLINED -> {
                automatic(p.id(), episode, caseId, notified, due);
                send(new ReferralDeclined(caseId, p.id(), day(notified).plusDays(1),
                        DeclineReason.PERSON_DID_NOT_WANT_ADVOCACY), "AdvocacyCase", caseId,
                        notified.plus(Duration.ofDays(1)));
            }
            case ENDED_BEFORE_DUE -> {
                automatic(p.id(), episode, caseId, notified, due);
                send(new QualifyingEpisodeEnded(p.id(), episode, notified.plus(Duration.ofDays(2)),
                        EpisodeEndReason.DISCHARGED), "TrustPatient", p.id(), notified.plus(Duration.ofDays(2)));
            }
            case SELF_REFERRED -> referral(p.id(), caseId, ReferralSource.SELF, day(started).plusDays(3));
            case NO_CASE -> {
            }
            case REFERRED_AFTER_DISCHARGE -> {
                send(new QualifyingEpisodeEnded(p.id(), episode, started.plus(Duration.ofDays(10)),
                        EpisodeEndReason.DISCHARGED), "TrustPatient", p.id(), started.plus(Duration.ofDays(10)));
                referral(p.id(), caseId, ReferralSource.SELF, day(started).plusDays(20));
            }
            case CANCELLED -> send(new QualifyingEpisodeEnded(p.id(), episode, started.plus(Duration.ofHours(5)),
                    EpisodeEndReason.CANCELLED), "TrustPatient", p.id(), started.plus(Duration.ofHours(5)));
            default -> throw new IllegalStateException(p.kind().name());
        }
    }

    private void qualify(String person, String episode, Instant started, Instant notified) throws Exception {
        send(new QualifyingEpisodeStarted(person, episode, "03", LegalStatusCodeSystem.ENGLAND, started, notified,
                ORGANISATION, ORGANISATION + "01", "Willow"), "TrustPatient", person, notified);
    }

    /** The gateway's automatic referral, and the case case-service opened for it (source TRUST_FEED). */
    private void automatic(String person, String episode, String caseId, Instant notified, Instant due)
            throws Exception {
        send(new AutomaticImhaReferralMade(person, episode, caseId, notified, due, "mha-1983-s130c"), "TrustPatient",
                person, notified.plusSeconds(30));
        referral(person, caseId, ReferralSource.TRUST_FEED, day(notified));
    }

    private void referral(String person, String caseId, ReferralSource source, LocalDate on) throws Exception {
        send(new ReferralReceived(caseId, person, AdvocacyType.IMHA, source, on, null, null, null, ORGANISATION,
                PROVIDER), "AdvocacyCase", caseId, on.atTime(12, 0).atZone(LONDON).toInstant());
    }

    private void contact(String person, String caseId, LocalDate on) throws Exception {
        send(new FirstContactMade(caseId, person, on, ContactMode.IN_PERSON, 0), "AdvocacyCase", caseId,
                on.atTime(15, 0).atZone(LONDON).toInstant());
    }

    // ---- the figures, worked out from the people sent (not by the code under test)

    /** The counts of the people whose qualifying status began in a month (London), before publication. */
    private Map<String, Long> trueCounts(String month) {
        Map<String, Long> n = new LinkedHashMap<>();
        for (String column : List.of("people", "withCase", "saidNo", "referrals", "contacted", "inTime", "late",
                "overdue", "notYetDue", "clockSaidNo", "endedBeforeDue")) {
            n.put(column, 0L);
        }
        for (Person p : people) {
            if (!day(p.startedAt()).toString().startsWith(month)) {
                continue;
            }
            switch (p.kind()) {
                case CANCELLED -> {
                    continue;
                }
                case CONTACTED_IN_TIME, MERGED_CONTACTED_IN_TIME -> bump(n, "withCase", "referrals", "contacted",
                        "inTime");
                case CONTACTED_LATE -> bump(n, "withCase", "referrals", "contacted", "late");
                case OVERDUE -> bump(n, "withCase", "referrals", "overdue");
                case OPTED_OUT, DECLINED -> bump(n, "saidNo", "referrals", "clockSaidNo");
                case ENDED_BEFORE_DUE -> bump(n, "withCase", "referrals", "endedBeforeDue");
                case SELF_REFERRED -> bump(n, "withCase");
                case NO_CASE, REFERRED_AFTER_DISCHARGE -> {
                }
                default -> throw new IllegalStateException(p.kind().name());
            }
            bump(n, "people");
        }
        return n;
    }

    private static void bump(Map<String, Long> counts, String... columns) {
        for (String column : columns) {
            counts.merge(column, 1L, Long::sum);
        }
    }

    private double medianDaysToContact(String month) {
        List<Integer> days = people.stream().filter(p -> day(p.startedAt()).toString().startsWith(month))
                .filter(p -> p.kind() == Kind.CONTACTED_IN_TIME || p.kind() == Kind.CONTACTED_LATE
                        || p.kind() == Kind.MERGED_CONTACTED_IN_TIME)
                .map(Person::contactAfterDays).sorted().toList();
        int middle = days.size() / 2;
        return days.size() % 2 == 1 ? days.get(middle) : (days.get(middle - 1) + days.get(middle)) / 2.0;
    }

    /** The standard rule: 0 stays 0, 1 to 7 are withheld, the rest rounded to the nearest 5 (halves up). */
    private static String published(long count) {
        if (count == 0) {
            return "0";
        }
        return count <= 7 ? "*" : String.valueOf((count + 2) / 5 * 5);
    }

    /** A share of the published counts, to 1 decimal; withheld when either count is. */
    private static String share(long part, long whole) {
        if (whole == 0 || published(part).equals("*") || published(whole).equals("*")) {
            return "*";
        }
        return BigDecimal.valueOf(Long.parseLong(published(part)) * 100)
                .divide(BigDecimal.valueOf(Long.parseLong(published(whole))), 1, RoundingMode.HALF_UP).toPlainString();
    }

    /** The Wilson 95% interval (z = 1.96) of the published share, in percent to 2 decimals. */
    private static List<String> interval(long part, long whole) {
        if (share(part, whole).equals("*")) {
            return List.of("*", "*");
        }
        double n = Long.parseLong(published(whole));
        double p = Long.parseLong(published(part)) / n;
        double z = 1.96;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
        return List.of(percent(Math.max(0, centre - half)), percent(Math.min(1, centre + half)));
    }

    private static String percent(double fraction) {
        return BigDecimal.valueOf(100 * fraction).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Every figure of the month's row in the CSV's column order, as the standard rule publishes it. */
    private List<String> expectedRow(String month) {
        Map<String, Long> n = trueCounts(month);
        long due = n.get("inTime") + n.get("late") + n.get("overdue");
        List<String> row = new ArrayList<>();
        row.add(published(n.get("people")));
        row.add(published(n.get("withCase")));
        row.add(share(n.get("withCase"), n.get("people")));
        row.addAll(interval(n.get("withCase"), n.get("people")));
        row.add(published(n.get("saidNo")));
        row.add(published(n.get("referrals")));
        row.add(published(n.get("contacted")));
        row.add(published(n.get("contacted")).equals("*") ? "*"
                : BigDecimal.valueOf(medianDaysToContact(month)).setScale(2, RoundingMode.HALF_UP).toPlainString());
        for (String column : List.of("inTime", "late", "overdue", "notYetDue", "clockSaidNo", "endedBeforeDue")) {
            row.add(published(n.get(column)));
        }
        row.add(share(n.get("inTime"), due));
        row.addAll(interval(n.get("inTime"), due));
        if (published(n.get("people")).equals("*")) {
            // a group too small to show is withheld in every figure
            return row.stream().map(cell -> "*").toList();
        }
        return row;
    }

    // ---- reading the answers

    private static final List<String> JSON_FIELDS = List.of("qualifyingPeople", "withImhaCase.count",
            "withImhaCase.percent", "withImhaCase.ci95Low", "withImhaCase.ci95High", "saidNo",
            "firstContact.referrals", "firstContact.contacted", "firstContact.medianDays", "firstContact.inTime",
            "firstContact.late", "firstContact.overdue", "firstContact.notYetDue", "firstContact.saidNo",
            "firstContact.endedBeforeDue", "firstContact.inTimePercent.percent", "firstContact.inTimePercent.ci95Low",
            "firstContact.inTimePercent.ci95High");

    /** The one row of an ungrouped answer, its figures in the CSV's column order, as plain text. */
    private static List<String> jsonRow(String body) {
        JsonNode rows = EventJson.mapper().readTree(body);
        assertThat(rows).hasSize(1);
        List<String> figures = new ArrayList<>();
        for (String field : JSON_FIELDS) {
            JsonNode node = rows.get(0);
            for (String name : field.split("\\.")) {
                node = node.get(name);
            }
            figures.add(node.isString() ? node.asString() : node.decimalValue().toPlainString());
        }
        return figures;
    }

    /** Lines of a CSV answer split into cells (a quoted cell may hold commas). */
    private static List<List<String>> csv(String body) {
        List<List<String>> lines = new ArrayList<>();
        for (String line : body.split("\r?\n")) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = !quoted;
                    }
                } else if (c == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            lines.add(cells);
        }
        return lines;
    }

    private static boolean sameFigure(String a, String b) {
        if (a.equals("*") || b.equals("*")) {
            return a.equals(b);
        }
        return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
    }

    /** The figures are the expected ones, field by field (2.5 and 2.50 are the same figure). */
    private static void assertFigures(List<String> actual, List<String> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(sameFigure(actual.get(i), expected.get(i))).as("%s: %s, expected %s; all: %s",
                    JSON_FIELDS.get(i), actual.get(i), expected.get(i), actual).isTrue();
        }
    }

    private String uptakePath(String query) {
        return "/api/impact/uptake?organisation=" + ORGANISATION + query;
    }

    @Test
    void anAnalystGetsTheFiguresOfWhatWasSentThroughTheDisclosureRuleAsJsonAndAsCsv() throws Exception {
        List<String> march = expectedRow("2026-03");
        List<String> april = expectedRow("2026-04");
        // everyone's events have been applied once both months read as worked out (a new analyst each time round:
        // analyst queries are rate-limited per analyst)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String analyst = TestKeys.token(Caller.ANALYST);
            assertFigures(jsonRow(get(uptakePath("&month=2026-03"), analyst).body()), march);
            assertFigures(jsonRow(get(uptakePath("&month=2026-04"), analyst).body()), april);
        });
        String analyst = TestKeys.token(Caller.ANALYST);
        // the figures this scenario was built to show: 32 people as 30, 22 with a case as 20, 66.7%; 6 who said
        // no, 3 late, 2 overdue and 1 discharged before the due time withheld; 14 contacted as 15, 11 in time as 10
        assertThat(march.subList(0, 3)).containsExactly("30", "20", "66.7");
        assertThat(march.get(5)).isEqualTo("*");
        assertThat(march.subList(9, 15)).containsExactly("10", "*", "*", "0", "*", "*");
        assertThat(april).containsOnly("*");

        // the same period as dates: qualifiedFrom/qualifiedTo are London dates, as the month is
        assertFigures(jsonRow(get(uptakePath("&qualifiedFrom=2026-03-01&qualifiedTo=2026-03-31"), analyst).body()),
                march);

        // CSV: the same figures in the same order, a header that says what each is
        HttpResponse<String> csv = getCsv(uptakePath("&month=2026-03"), analyst);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("heard-uptake-as-of-");
        List<List<String>> lines = csv(csv.body());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get(1)).isEqualTo("Qualifying people (count)");
        assertThat(lines.get(0)).hasSize(JSON_FIELDS.size() + 1);
        List<String> csvFigures = lines.get(1).subList(1, lines.get(1).size());
        assertThat(csvFigures).isEqualTo(march);
        assertFigures(jsonRow(get(uptakePath("&month=2026-03"), analyst).body()), csvFigures);
    }

    @Test
    void theseRecordsAreInNoCohortFigureOfTheSharedBroker() throws Exception {
        // wait for this class's records (the March figures) before asking the cohort view
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertFigures(jsonRow(get(uptakePath("&month=2026-03"), TestKeys.token(Caller.ANALYST)).body()),
                        expectedRow("2026-03")));
        String analyst = TestKeys.token(Caller.ANALYST);

        HttpResponse<String> cohorts = get("/api/impact/cohorts?groupBy=advocacyType&provider=" + PROVIDER, analyst);
        assertThat(cohorts.statusCode()).isEqualTo(200);
        assertThat(EventJson.mapper().readTree(cohorts.body())).isEmpty();
    }

    @Test
    void onlyAnAnalystMayAskAndBadQueriesAreProblemsNamingTheParameter() throws Exception {
        assertThat(get(uptakePath(""), TestKeys.token(Caller.ANALYST)).statusCode()).isEqualTo(200);
        for (String role : List.of(Caller.ADVOCATE, Caller.SERVICE_USER, Caller.OPERATIONS, Caller.INTEGRATION)) {
            assertThat(get(uptakePath(""), TestKeys.token(role)).statusCode()).as(role).isEqualTo(403);
            assertThat(getCsv(uptakePath(""), TestKeys.token(role)).statusCode()).as(role + " (CSV)").isEqualTo(403);
        }
        assertThat(get(uptakePath(""), null).statusCode()).isEqualTo(401);

        String analyst = TestKeys.token(Caller.ANALYST);
        for (String[] bad : new String[][] {{"&groupBy=religion", "groupBy"}, {"&colour=red", "colour"},
                {"&qualifiedFrom=March", "qualifiedFrom"},
                {"&qualifiedFrom=2026-04-01&qualifiedTo=2026-03-01", "qualifiedTo"}}) {
            HttpResponse<String> response = get(uptakePath(bad[0]), analyst);
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(EventJson.mapper().readTree(response.body()).get("errors").get(0).get("field").asString())
                    .as(bad[0]).isEqualTo(bad[1]);
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheUptakeViewAsItAnswers() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);
        org.heard.kit.testing.OpenApiLint.Result lint = org.heard.kit.testing.OpenApiLint.lint("reporting-service",
                response.body());
        assertThat(lint.problems()).isEmpty();

        var uptake = lint.document().getPaths().get("/api/impact/uptake").getGet();
        assertThat(uptake.getParameters()).extracting(io.swagger.v3.oas.models.parameters.Parameter::getName)
                .contains("groupBy", "qualifiedFrom", "qualifiedTo").containsAll(QualifiedPerson.DIMENSIONS)
                .doesNotContain("parameters", "asOf");
        assertThat(uptake.getParameters()).filteredOn(p -> p.getName().startsWith("qualified"))
                .allSatisfy(p -> assertThat(p.getSchema().getFormat()).isEqualTo("date"));
        assertThat(uptake.getSummary()).isEqualTo("Uptake of IMHA against the people who qualified");
        var ok = uptake.getResponses().get("200").getContent();
        assertThat(ok).containsKeys("application/json", "text/csv");
        assertThat(uptake.getResponses()).containsKeys("400", "401", "403");
        // a row is its own schema with the figures the endpoint answers, not another view's row
        String row = ok.get("application/json").getSchema().getItems().get$ref();
        var rowSchema = lint.document().getComponents().getSchemas().get(row.substring(row.lastIndexOf('/') + 1));
        assertThat(rowSchema.getProperties()).containsOnlyKeys("group", "qualifyingPeople", "withImhaCase", "saidNo",
                "firstContact");
    }
}
