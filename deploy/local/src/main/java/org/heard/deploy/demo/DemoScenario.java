package org.heard.deploy.demo;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.heard.deploy.LocalKeys;

/**
 * A synthetic scenario mirroring the three studies behind Heard — about 30 African and Caribbean men in culturally
 * specific community advocacy, 90 IMHA qualifying patients, 9 young women in CAMHS — driven only through the public
 * REST APIs of case-service and outcome-service, as advocates and people would. Each person is registered, referred,
 * accepted and assigned, raises issues, takes part in forums, is assessed at baseline, review, closure and follow-up
 * over twelve months, sets and rates a goal, and has outcomes recorded from their own and their advocate's
 * perspective; a few systemic issues are linked to the cases that raised them. Everything is synthetic: names are made
 * up and NHS numbers come from the 999 test range. A seed makes it repeatable; a size scales it for load.
 *
 * <p>With a trust gateway ({@link #throughGateway}) the IMHA qualifying patients come in as a trust's record system
 * would send them: each one's admission under section 2 or 3, HL7 v2 ADT^A01 over MLLP for the odd-numbered and a FHIR
 * R4 UK Core Bundle for the even-numbered, from which the gateway registers them in case-service (and opens their
 * automatic IMHA referral). Beside them come qualifying patients who never take up advocacy — admitted the same two
 * ways, then opting out of or declining the automatic referral — so that uptake has a denominator
 * ({@link #printUptake}). Each IMHA person's twelve months are worked on a referral the demo opens with its past date,
 * since case-service refuses any date before a case's referral and the automatic referral is made on the day the
 * gateway hears of the admission (today).
 */
public final class DemoScenario {

    private static final Pattern ID = Pattern.compile("\"(?:personId|caseId|id)\":\"([^\"]+)\"");
    private static final String[] ITEMS = {"involved-in-decisions", "listened-to", "know-my-rights",
            "confident-to-speak-up", "say-over-care", "hopeful"};

    private final String caseUrl;
    private final String outcomeUrl;
    private final LocalKeys keys;
    private final long seed;
    private final double size;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
    /** Where this run's NHS numbers start in the 999 range, so that a second run into the same stack does not
     * register the same numbers again (the rest of the scenario follows the seed). */
    private final int nhsOffset;
    /** The trust that sends the IMHA people's admissions to the gateway; null: they are registered directly. */
    private TrustFeed trust;
    /** What the gateway acknowledged as stored, by outcome and protocol (see {@link Feed}). */
    private final AtomicInteger tookUpByHl7 = new AtomicInteger();
    private final AtomicInteger tookUpByFhir = new AtomicInteger();
    private final AtomicInteger optedOutByFhir = new AtomicInteger();
    private final AtomicInteger declinedByHl7 = new AtomicInteger();
    /** Per ethnic group (as the analyst API groups categories): qualifying people, and of them those who took up. */
    private final Map<String, int[]> byEthnicGroup = new java.util.TreeMap<>();

    /** Qualifying patients who do not take up advocacy, per IMHA person of the scenario (about 1 in 3 qualifying). */
    static final double NON_TAKERS_PER_IMHA_PERSON = 0.5;
    /** The gateway's answer to uptake, once reporting-service serves it (issue 12: being built beside this). */
    static final String UPTAKE_PATH = "/api/impact/uptake";

    /**
     * Qualifying patients the demo sent to the trust gateway, by what they did and how the trust sent them: the
     * odd-numbered by HL7 v2 (ADT^A01 over MLLP), the even-numbered by FHIR (a Bundle of Patient and Encounter); of those
     * who did not take up advocacy the even-numbered opted out, the odd-numbered declined (one opt-out call each).
     */
    public record Feed(int tookUpByHl7, int tookUpByFhir, int optedOutByFhir, int declinedByHl7) {

        /** Qualifying patients who took up advocacy: each has an IMHA case worked over twelve months. */
        public int tookUp() {
            return tookUpByHl7 + tookUpByFhir;
        }

        /** Every qualifying patient the trust told the gateway of (each referred automatically). */
        public int qualifying() {
            return tookUp() + optedOutByFhir + declinedByHl7;
        }

        /** ADT^A01 messages sent over MLLP. */
        public int hl7Admissions() {
            return tookUpByHl7 + declinedByHl7;
        }

        /** FHIR transaction Bundles sent (each one Patient and one Encounter). */
        public int fhirAdmissions() {
            return tookUpByFhir + optedOutByFhir;
        }

        /** Opt-outs and declines sent to {@code /api/opt-outs}. */
        public int optOuts() {
            return optedOutByFhir + declinedByHl7;
        }
    }

    /** One synthetic person of the scenario. */
    record Person(int number, String cohort, String advocacyType, String ethnicCategory, String gender,
                  LocalDate dateOfBirth) {
    }

    public DemoScenario(String caseUrl, String outcomeUrl, LocalKeys keys, long seed, double size, PrintStream out) {
        this.caseUrl = caseUrl;
        this.outcomeUrl = outcomeUrl;
        this.keys = keys;
        this.seed = seed;
        this.size = size;
        this.out = out;
        int room = 899_000 - (int) Math.ceil((130 + 90 * NON_TAKERS_PER_IMHA_PERSON) * size * 11) - 20;
        if (room < 1) {
            throw new IllegalArgumentException("size " + size + " needs more NHS test numbers than the 999 range has");
        }
        this.nhsOffset = new Random().nextInt(room);
    }

    /**
     * Sends the IMHA people through a trust gateway (HL7 v2 over MLLP for some, FHIR for the others) and adds the
     * qualifying patients who never take up advocacy.
     */
    public DemoScenario throughGateway(String gatewayUrl, String mllpHost, int mllpPort) {
        this.trust = new TrustFeed(gatewayUrl, mllpHost, mllpPort, keys);
        return this;
    }

    /**
     * Qualifying patients who never take up advocacy: admitted under section 2 or 3 at some time in the last year,
     * then opting out of the automatic referral (even-numbered) or declining it (odd-numbered). Black people are
     * more of them than of the IMHA people, as the review found uptake lowest for them. Drawn from a random of their
     * own, so that the rest of the scenario is as it was without them.
     */
    List<Person> nonTakers(int firstNumber) {
        Random random = new Random(seed * 7_919 + 13);
        List<Person> people = new ArrayList<>();
        String[] ethnic = {"M", "N", "P", "M", "N", "P", "A", "A", "B", "C", "H", "J", "R", "Z"};
        String[] genders = {"MAN", "WOMAN", "MAN", "WOMAN", "NON_BINARY"};
        int number = firstNumber;
        for (int i = 0; i < Math.max(1, Math.round(90 * size * NON_TAKERS_PER_IMHA_PERSON)); i++) {
            people.add(new Person(++number, "IMHA qualifying patients, no advocacy", "NONE",
                    ethnic[random.nextInt(ethnic.length)], genders[random.nextInt(genders.length)],
                    today.minusYears(19 + random.nextInt(55))));
        }
        return people;
    }

    /** The people of the scenario, by cohort, at this size. */
    List<Person> people() {
        Random random = new Random(seed);
        List<Person> people = new ArrayList<>();
        int number = 0;
        String[] black = {"M", "N", "P"};
        for (int i = 0; i < Math.max(1, Math.round(30 * size)); i++) {
            people.add(new Person(++number, "African and Caribbean men", "COMMUNITY_CULTURALLY_SPECIFIC",
                    black[random.nextInt(3)], "MAN", today.minusYears(22 + random.nextInt(35))));
        }
        String[] mixed = {"A", "A", "A", "B", "C", "D", "H", "J", "M", "N", "R", "Z"};
        String[] genders = {"MAN", "WOMAN", "MAN", "WOMAN", "NON_BINARY"};
        for (int i = 0; i < Math.max(1, Math.round(90 * size)); i++) {
            people.add(new Person(++number, "IMHA qualifying patients", "IMHA", mixed[random.nextInt(mixed.length)],
                    genders[random.nextInt(genders.length)], today.minusYears(19 + random.nextInt(55))));
        }
        for (int i = 0; i < Math.max(1, Math.round(9 * size)); i++) {
            people.add(new Person(++number, "Young women in CAMHS", "CAMHS", mixed[random.nextInt(mixed.length)],
                    "WOMAN", today.minusYears(14 + random.nextInt(3)).minusDays(random.nextInt(300))));
        }
        return people;
    }

    /** Runs the scenario with a few concurrent workers; returns how many people it created. */
    public int run(int workers) throws Exception {
        String advocate = token("advocate", "demo-coordinator", null);
        publishDefaultFramework(advocate);
        List<Person> people = people();
        AtomicInteger done = new AtomicInteger();
        // each case and its advocate: a systemic issue is linked to a case by the advocate who holds it
        Map<String, String> caseIds = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> work = new ArrayList<>();
        for (Person person : people) {
            work.add(pool.submit(() -> {
                caseIds.put(personJourney(person), advocateOf(person));
                progress(done.incrementAndGet(), people.size());
                return null;
            }));
        }
        if (trust != null) {
            for (Person person : nonTakers(people.size())) {
                work.add(pool.submit(() -> {
                    notTakingUp(person);
                    return null;
                }));
            }
        }
        try {
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            if (trust != null) {
                trust.close();
            }
        }
        out.println();
        systemicIssues(advocate, caseIds);
        return people.size();
    }

    /** What the gateway acknowledged as stored so far (nothing without a gateway). */
    public Feed sent() {
        return new Feed(tookUpByHl7.get(), tookUpByFhir.get(), optedOutByFhir.get(), declinedByHl7.get());
    }

    /** What {@link #run} sends through a gateway at this seed and size, from the scenario's people. */
    public Feed planned() {
        List<Person> people = people();
        int[] feed = new int[4];
        for (Person p : people) {
            if (p.advocacyType().equals("IMHA")) {
                feed[p.number() % 2 == 1 ? 0 : 1]++;
            }
        }
        for (Person p : nonTakers(people.size())) {
            feed[p.number() % 2 == 0 ? 2 : 3]++;
        }
        return new Feed(feed[0], feed[1], feed[2], feed[3]);
    }

    private void count(Person p, boolean tookUp) {
        boolean hl7 = p.number() % 2 == 1;
        (tookUp ? (hl7 ? tookUpByHl7 : tookUpByFhir) : (hl7 ? declinedByHl7 : optedOutByFhir)).incrementAndGet();
        synchronized (byEthnicGroup) {
            int[] counts = byEthnicGroup.computeIfAbsent(ethnicGroup(p.ethnicCategory()), g -> new int[2]);
            counts[0]++;
            counts[1] += tookUp ? 1 : 0;
        }
    }

    /** The group of an ethnic category (NHS Data Dictionary), named as the analyst API names it. */
    static String ethnicGroup(String category) {
        return switch (category) {
            case "Z", "99" -> "NOT_STATED";
            default -> switch (category.charAt(0)) {
                case 'A', 'B', 'C' -> "WHITE";
                case 'D', 'E', 'F', 'G' -> "MIXED";
                case 'H', 'J', 'K', 'L' -> "ASIAN";
                case 'M', 'N', 'P' -> "BLACK";
                default -> "OTHER";
            };
        };
    }

    /** A qualifying patient's admission through the gateway: HL7 v2 for the odd-numbered, FHIR for the others. */
    private void admit(Person p, String nhs, LocalDate admittedOn, String legalStatusCode, int hour) throws Exception {
        String[] wards = {"WILLOW", "ROWAN", "ASH", "BIRCH", "HAWTHORN"};
        String sex = switch (p.gender()) {
            case "MAN" -> "M";
            case "WOMAN" -> "F";
            default -> "O";
        };
        TrustFeed.Admission admission = new TrustFeed.Admission(p.number(), nhs, "Person %04d".formatted(p.number()),
                "Synthetic", p.dateOfBirth(), sex, p.ethnicCategory(), wards[p.number() % wards.length],
                admittedOn.atTime(hour, 0).atZone(ZoneId.of("Europe/London")).toInstant(), legalStatusCode);
        if (p.number() % 2 == 1) {
            trust.admitByHl7(admission);
        } else {
            trust.admitByFhir(admission);
        }
    }

    /** Admitted through the gateway, then opting out of (or declining) the automatic referral; nothing else. */
    private void notTakingUp(Person p) throws Exception {
        Random random = new Random(seed * 1_000_003 + p.number());
        String nhs = nhsNumber(nhsOffset + p.number() * 11);
        admit(p, nhs, today.minusDays(random.nextInt(360)), random.nextBoolean() ? "03" : "02", 10);
        trust.optOut(nhs, p.number() % 2 == 0 ? "OPTED_OUT" : "DECLINED", today);
        count(p, false);
    }

    /**
     * The person the gateway registered for this NHS number, once it has (it applies its inbox in order, and asks
     * case-service at most {@code heard.rate-limits.nhs-number-lookups-per-minute} times a minute itself).
     */
    private String awaitRegistered(String nhs, String advocate) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(caseUrl
                            + "/api/persons?nhsNumber=" + nhs)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + advocate).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return id(response.body());
            }
            if (response.statusCode() == 429) {
                long wait = response.headers().firstValueAsLong("Retry-After").orElse(5);
                Thread.sleep(Math.max(1, wait) * 1000);
            } else if (response.statusCode() == 404) {
                Thread.sleep(1000);
            } else {
                throw new IllegalStateException("GET /api/persons?nhsNumber= answered " + response.statusCode());
            }
        }
        throw new IllegalStateException("the trust gateway did not register a person within 10 minutes");
    }

    /**
     * Waits until the trust gateway has applied everything it acknowledged — no inbox message and no automatic
     * referral still pending in its database — so that the impact views are read once case-service has every person
     * and referral the feed brought. The gateway applies after acknowledging, in order, and its NHS-number look-ups in
     * case-service are rate limited, so this can take a minute or two after the last message.
     *
     * @return the seconds it waited
     */
    public double awaitTrustGateway(String gatewayDbUrl, String user, String password, Duration timeout)
            throws Exception {
        if (trust == null) {
            return 0;
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long said = -1;
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(gatewayDbUrl, user, password)) {
            while (true) {
                long pending = count(db, "select count(*) from inbox_message where status = 'PENDING'")
                        + count(db, "select count(*) from referral_request where status = 'PENDING'");
                if (pending == 0) {
                    return (System.nanoTime() - started) / 1e9;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the trust gateway still had " + pending
                            + " messages or referrals to apply after " + timeout.toSeconds() + " s");
                }
                if (said < 0) {
                    out.println("  the trust gateway is applying what it acknowledged (" + pending + " messages and"
                            + " referrals to go; case-service allows it 60 NHS-number look-ups a minute)");
                    said = pending;
                }
                Thread.sleep(1000);
            }
        }
    }

    private static long count(java.sql.Connection db, String sql) throws java.sql.SQLException {
        try (java.sql.Statement statement = db.createStatement(); java.sql.ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Prints what the trust feed means for the headline table's IMHA row, and the uptake of IMHA among qualifying
     * patients by ethnic group: from reporting-service's analyst API once it serves {@link #UPTAKE_PATH}, until then
     * as the demo sent it (true counts of synthetic people, not through the disclosure rule), so that the figures can
     * be checked when it does.
     */
    public void printUptake(String reportingUrl, String analystToken, PrintStream out) throws Exception {
        if (trust == null) {
            return;
        }
        Feed feed = sent();
        out.printf("  IMHA people: all %d qualifying patients the trust feed told Heard of, each referred automatically;"
                + " %d took up advocacy (the assessed), %d opted out and %d declined%n", feed.qualifying(),
                feed.tookUp(), feed.optedOutByFhir(), feed.declinedByHl7());
        out.printf("  (sent as %s: %d HL7 v2 ADT^A01 over MLLP, %d FHIR Bundles, %d opt-outs and declines)%n",
                TrustFeed.FACILITY, feed.hl7Admissions(), feed.fhirAdmissions(), feed.optOuts());
        out.println();
        HttpResponse<String> response = uptake(reportingUrl, analystToken, "?groupBy=ethnicGroup");
        if (response.statusCode() == 200) {
            out.println("  Uptake of IMHA among qualifying patients (trust feed), by ethnic group (" + UPTAKE_PATH
                    + ", through the disclosure rule)");
            out.printf("  %-12s %10s %14s %8s%n", "ethnic group", "qualifying", "with IMHA case", "said no");
            tools.jackson.databind.ObjectMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
            for (tools.jackson.databind.JsonNode row : rows(json.readTree(response.body()))) {
                printUptakeRow(out, row.path("group").path("ethnicGroup").asString("?"), row);
            }
            HttpResponse<String> all = uptake(reportingUrl, analystToken, "");
            for (tools.jackson.databind.JsonNode row : rows(json.readTree(all.body()))) {
                printUptakeRow(out, "all", row);
            }
        } else {
            out.println("  Uptake of IMHA among qualifying patients, by ethnic group, as the demo sent it ("
                    + UPTAKE_PATH + " not served yet: " + response.statusCode() + ")");
            out.printf("  %-12s %10s %8s %7s%n", "ethnic group", "qualifying", "took up", "uptake");
            synchronized (byEthnicGroup) {
                byEthnicGroup.forEach((group, counts) -> out.printf("  %-12s %10d %8d %6.0f%%%n", group, counts[0],
                        counts[1], 100.0 * counts[1] / counts[0]));
            }
            out.printf("  %-12s %10d %8d %6.0f%%%n", "all", feed.qualifying(), feed.tookUp(),
                    100.0 * feed.tookUp() / Math.max(1, feed.qualifying()));
        }
        out.println();
    }

    private HttpResponse<String> uptake(String reportingUrl, String analystToken, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(reportingUrl + UPTAKE_PATH + query))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + analystToken).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static tools.jackson.databind.JsonNode rows(tools.jackson.databind.JsonNode body) {
        return body.has("rows") ? body.get("rows") : body;
    }

    /** One line of the uptake table: counts as the API published them ("*" withheld), the share where shown. */
    private static void printUptakeRow(PrintStream out, String label, tools.jackson.databind.JsonNode row) {
        tools.jackson.databind.JsonNode withCase = row.path("withImhaCase");
        String share = withCase.path("percent").isNumber() ? String.format(" (%.0f%%)", withCase.get("percent").asDouble())
                : "";
        out.printf("  %-12s %10s %14s %8s%n", label, row.path("qualifyingPeople").asString(),
                withCase.path("count").asString() + share, row.path("saidNo").asString());
    }

    private void progress(int done, int total) {
        int width = 40;
        int filled = done * width / total;
        synchronized (out) {
            out.print("\r  [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total
                    + " people");
            out.flush();
        }
    }

    private void publishDefaultFramework(String advocate) throws Exception {
        String version = outcomeUrl + "/api/frameworks/heard-empowerment/versions/1";
        String status = call("GET", version, null, advocate, 200);
        if (status.contains("\"PUBLISHED\"")) {
            return;
        }
        call("POST", version + "/reviews", "{\"reviewerRole\":\"SERVICE_USER_PANEL\",\"verdict\":\"ENDORSED\","
                + "\"comment\":\"Synthetic panel for the demo\",\"reviewedOn\":\"" + today + "\"}",
                token("service-user-panel", "demo-panel", null), 204); // the panel's review, from the panel's role
        call("POST", version + "/publication", "{\"on\":\"" + today + "\"}", advocate, 204);
    }

    private static String advocateOf(Person p) {
        return "demo-advocate-" + (1 + p.number() % 6);
    }

    /** One person's twelve months; returns their case id. */
    private String personJourney(Person p) throws Exception {
        Random random = new Random(seed * 1_000_003 + p.number());
        String advocateId = advocateOf(p);
        String advocate = token("advocate", advocateId, null);
        LocalDate referred = today.minusDays(330 + random.nextInt(30));
        String personId;
        boolean interpreter = random.nextInt(10) == 0;
        boolean autism = random.nextInt(8) == 0;
        String nhs = nhsNumber(nhsOffset + p.number() * 11);
        // drawn here, before the referral, in the order it always was, so that every later draw is as it was
        String legalStatus = p.advocacyType().equals("IMHA") ? (random.nextBoolean() ? "03" : "02") : null;
        if (trust != null && legalStatus != null) {
            // the trust tells the gateway of the admission; the gateway registers the person in case-service
            admit(p, nhs, referred.minusDays(5), legalStatus, 9);
            personId = awaitRegistered(nhs, advocate);
            count(p, true);
        } else {
            personId = id(call("POST", caseUrl + "/api/persons", """
                    {"name":"Person %04d Synthetic","nhsNumber":"%s","dateOfBirth":"%s","contact":"07700 900%03d",
                     "equality":{"ethnicCategory":"%s","gender":"%s","preferredLanguage":"en",
                     "interpreterNeeded":%s,"disabilities":%s}}""".formatted(p.number(), nhs, p.dateOfBirth(),
                    p.number() % 1000, p.ethnicCategory(), p.gender(), interpreter, autism ? "[\"AUTISM\"]" : "[]"),
                    advocate, 201));
        }
        String caseId = id(call("POST", caseUrl + "/api/cases", """
                {"personId":"%s","advocacyType":"%s","referralSource":"%s","referredOn":"%s","setting":"%s",
                 "instructed":true,"reason":"Synthetic reason %d: I want a say in my care"}""".formatted(personId,
                p.advocacyType(), p.advocacyType().equals("IMHA") ? "TRUST_FEED" : "SELF", referred,
                p.advocacyType().equals("IMHA") ? "INPATIENT_WARD"
                        : p.advocacyType().equals("CAMHS") ? "CAMHS_COMMUNITY" : "COMMUNITY", p.number()),
                advocate, 201), "caseId");
        String cases = caseUrl + "/api/cases/" + caseId;
        call("POST", cases + "/acceptance", "{\"on\":\"" + referred + "\"}", advocate, 204);
        call("POST", cases + "/advocate", "{\"advocateId\":\"" + advocateId + "\"}", advocate, 204);
        if (legalStatus != null) {
            // legal status is recorded on a case on the advocate's own caseload
            call("POST", cases + "/legal-status", "{\"legalStatusCode\":\"" + legalStatus
                    + "\",\"startedOn\":\"" + referred.minusDays(5) + "\"}", advocate, 204);
        }
        LocalDate contact = referred.plusDays(1 + random.nextInt(p.advocacyType().equals("IMHA") ? 5 : 14));
        call("POST", cases + "/first-contact", "{\"contactOn\":\"" + contact + "\",\"mode\":\"IN_PERSON\"}", advocate,
                204);
        call("POST", caseUrl + "/api/persons/" + personId + "/consents", "{\"scope\":\"EVALUATION\",\"givenOn\":\""
                + contact + "\"}", advocate, 204);
        String[] categories = {"MEDICATION", "LEAVE", "CARE_PLAN", "RIGHTS_INFORMATION", "DISCRIMINATION_OR_RACISM",
                "EDUCATION", "FAMILY_CONTACT"};
        List<String> issues = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(2); i++) {
            issues.add(id(call("POST", cases + "/issues", """
                    {"category":"%s","description":"Synthetic issue %d.%d in the person's words","raisedOn":"%s"}"""
                    .formatted(categories[random.nextInt(categories.length)], p.number(), i, contact), advocate, 201)));
        }
        // How much this person's answers move per timepoint: modest on average, some people get worse, and the
        // culturally specific service's men gain a little more — synthetic, and not meant to prove anything.
        double gain = (p.advocacyType().equals("COMMUNITY_CULTURALLY_SPECIFIC") ? 0.35 : p.advocacyType()
                .equals("CAMHS") ? 0.25 : 0.15) + random.nextGaussian() * 0.25;
        int baseline = 2 + random.nextInt(2);
        String[] timepoints = {"BASELINE", "REVIEW", "CLOSURE", "FOLLOW_UP"};
        int[] days = {0, 90, 200, 320};
        String[] forums = {"WARD_ROUND", "CPA_REVIEW", "CARE_PLANNING_MEETING", "MENTAL_HEALTH_TRIBUNAL",
                "CAMHS_REVIEW", "SCHOOL_MEETING"};
        for (int t = 0; t < timepoints.length; t++) {
            LocalDate on = contact.plusDays(days[t]);
            if (on.isAfter(today)) {
                break;
            }
            StringBuilder responses = new StringBuilder();
            for (int i = 0; i < ITEMS.length; i++) {
                double value = baseline + gain * t + random.nextGaussian() * 0.6;
                responses.append(i == 0 ? "" : ",").append("{\"itemId\":\"").append(ITEMS[i]).append("\",\"value\":")
                        .append(Math.max(1, Math.min(5, Math.round(value)))).append('}');
            }
            call("POST", outcomeUrl + "/api/assessments", """
                    {"personId":"%s","caseId":"%s","frameworkId":"heard-empowerment","frameworkVersion":1,
                     "timepoint":"%s","completedOn":"%s","completedBy":"%s","responses":[%s]}""".formatted(personId,
                    caseId, timepoints[t], on, random.nextBoolean() ? "SELF" : "SELF_WITH_SUPPORT", responses),
                    advocate, 201);
            if (t < 2) {
                String[] participation = {"SPOKE_FOR_THEMSELVES_WITH_SUPPORT", "ADVOCATE_SPOKE_ON_THEIR_BEHALF",
                        "VIEWS_PRESENTED_IN_THEIR_ABSENCE", "NOT_INVOLVED"};
                String[] views = {"YES", "PARTLY", "NO", "UNKNOWN"};
                int took = t == 0 ? random.nextInt(4) : random.nextInt(2);
                call("POST", cases + "/involvements", """
                        {"forum":"%s","heldOn":"%s","issueIds":["%s"],"participation":"%s",
                         "viewsTakenIntoAccount":"%s","advocateMinutes":%d}""".formatted(
                        forums[random.nextInt(forums.length)], on.plusDays(7), issues.get(0), participation[took],
                        views[t == 0 ? random.nextInt(4) : random.nextInt(2)], 30 + random.nextInt(90)), advocate, 201);
            }
        }
        String goal = id(call("POST", outcomeUrl + "/api/goals", """
                {"personId":"%s","caseId":"%s","domain":"PERSONAL_DEVELOPMENT","description":"Synthetic goal %d",
                 "scale":"GOAL_BASED_OUTCOMES","setOn":"%s"}""".formatted(personId, caseId, p.number(), contact),
                advocate, 201));
        call("POST", outcomeUrl + "/api/goals/" + goal + "/ratings", "{\"rating\":" + (2 + random.nextInt(3))
                + ",\"ratedBy\":\"SERVICE_USER\",\"ratedOn\":\"" + contact + "\"}", advocate, 204);
        call("POST", outcomeUrl + "/api/goals/" + goal + "/ratings", "{\"rating\":" + (5 + random.nextInt(5))
                + ",\"ratedBy\":\"SERVICE_USER\",\"ratedOn\":\"" + contact.plusDays(180) + "\"}", advocate, 204);
        String[] domains = {"INVOLVEMENT_IN_DECISIONS", "CARE_AND_TREATMENT", "PERSONAL_DEVELOPMENT"};
        String[] extents = {"NONE", "SOME", "SIGNIFICANT"};
        for (String perspective : new String[] {"SERVICE_USER", "ADVOCATE"}) {
            call("POST", outcomeUrl + "/api/outcomes", """
                    {"personId":"%s","caseId":"%s","domain":"%s","subType":"heard-at-ward-round",
                     "description":"Synthetic outcome %d","perspective":"%s","extentOfChange":"%s",
                     "advocacyContribution":"%s","on":"%s"}""".formatted(personId, caseId,
                    domains[random.nextInt(3)], p.number(), perspective, extents[random.nextInt(3)],
                    extents[1 + random.nextInt(2)], contact.plusDays(150)), advocate, 201);
        }
        for (String issue : issues) {
            call("POST", cases + "/issues/" + issue + "/resolution", "{\"resolution\":\""
                    + (random.nextInt(4) == 0 ? "NOT_ACHIEVED" : random.nextBoolean() ? "ACHIEVED" : "PARTLY_ACHIEVED")
                    + "\",\"resolvedOn\":\"" + contact.plusDays(190) + "\"}", advocate, 204);
        }
        call("POST", cases + "/close", "{\"reason\":\"GOALS_MET\",\"closedOn\":\"" + contact.plusDays(200) + "\"}",
                advocate, 204);
        return caseId;
    }

    private void systemicIssues(String advocate, Map<String, String> advocateOfCase) throws Exception {
        List<String> caseIds = new ArrayList<>(advocateOfCase.keySet());
        java.util.Collections.sort(caseIds); // the same links for the same seed, whatever order the workers finished in
        String[][] issues = {
                {"WARD", "section 17 leave", "Leave cancelled at short notice on an acute ward",
                        "The ward now plans leave a week ahead and records why any is cancelled"},
                {"TRUST", "racism in restraint and seclusion", "Black men describe being restrained more",
                        "The trust reviews restraint data by ethnicity every quarter with the advocacy service"},
                {"SERVICE", "young people's voice in school meetings", "Meetings about young people held without them",
                        ""}};
        Random random = new Random(seed);
        for (String[] issue : issues) {
            String id = id(call("POST", outcomeUrl + "/api/systemic-issues", """
                    {"level":"%s","theme":"%s","description":"%s","loggedOn":"%s"}""".formatted(issue[0], issue[1],
                    issue[2], today.minusDays(200)), advocate, 201));
            for (int i = 0; i < Math.min(caseIds.size(), 3 + random.nextInt(4)); i++) {
                String caseId = caseIds.get(random.nextInt(caseIds.size()));
                call("POST", outcomeUrl + "/api/systemic-issues/" + id + "/cases", "{\"caseId\":\"" + caseId
                        + "\",\"linkedOn\":\"" + today.minusDays(150) + "\"}",
                        token("advocate", advocateOfCase.get(caseId), null), 204);
            }
            if (!issue[3].isEmpty()) {
                call("POST", outcomeUrl + "/api/systemic-issues/" + id + "/changes", "{\"description\":\"" + issue[3]
                        + "\",\"achievedOn\":\"" + today.minusDays(30) + "\"}", advocate, 201);
            }
        }
    }

    /** The first valid NHS number of the 999 test range at or after 999 + (100000 + start) + check digit. */
    static String nhsNumber(int start) {
        for (int body = 100_000 + start; ; body++) {
            String nine = "999" + body;
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - (sum % 11);
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return nine + check;
            }
        }
    }

    private String token(String role, String subject, String personId) throws Exception {
        return keys.token(role, subject, personId, Duration.ofHours(2));
    }

    private static String id(String body) {
        Matcher matcher = ID.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no id in the answer");
        }
        return matcher.group(1);
    }

    private static String id(String body, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + field + " in the answer");
        }
        return matcher.group(1);
    }

    private String call(String method, String url, String json, String token, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            // the body is a problem+json answer, which never carries personal data
            throw new IllegalStateException(method + " " + URI.create(url).getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
