package org.heard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.heard.client.cases.api.CaseControllerApi;
import org.heard.client.cases.api.PersonControllerApi;
import org.heard.client.cases.model.AssignmentRequest;
import org.heard.client.cases.model.CaseCreated;
import org.heard.client.cases.model.CaseView;
import org.heard.client.cases.model.CloseRequest;
import org.heard.client.cases.model.ConsentRequest;
import org.heard.client.cases.model.Dated;
import org.heard.client.cases.model.PersonRequest;
import org.heard.client.cases.model.ReferralRequest;
import org.heard.client.outcomes.api.AssessmentControllerApi;
import org.heard.client.outcomes.api.OutcomeControllerApi;
import org.heard.client.outcomes.model.AssessmentRecorded;
import org.heard.client.outcomes.model.AssessmentRequest;
import org.heard.client.outcomes.model.OutcomeRequest;
import org.heard.client.outcomes.model.Response;
import org.heard.client.reporting.api.ImpactControllerApi;
import org.heard.client.reporting.api.TimelineControllerApi;
import org.heard.client.reporting.model.CohortCountsRow;
import org.heard.client.reporting.model.EntryView;
import org.heard.client.reporting.model.Table;
import org.heard.client.reporting.model.TimelineView;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The README's walkthrough ("Try it") through Java clients that openapi-generator (okhttp-gson) made from the
 * committed OpenAPI documents in {@code src/test/openapi}, against a running stack; and the check that those documents
 * are the ones the running services serve. The generated models refuse an answer with a field the document does not
 * name, a field of another JSON type, a required field missing or an enum value not listed, so a document that lies
 * about what a call answers fails here.
 */
final class GeneratedClients {

    /** Runs the walkthrough and the drift check against a stack already running (the ports of {@code ./heard up}). */
    public static void main(String[] args) throws Exception {
        Urls urls = new Urls(args[0], args[1], args[2]);
        System.out.println(walk(urls, new LocalKeys(Path.of(args[3]))));
        System.out.println(driftFromLiveDocuments(urls));
    }

    /** The services whose documents are committed, by the file name of their document. */
    static final List<String> SERVICES = List.of("case-service", "outcome-service", "reporting-service");

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Path COMMITTED = Path.of("src/test/openapi");
    private static final Path LIVE = Path.of("target/openapi-live");

    private GeneratedClients() {
    }

    /** Where the three services of a running stack answer. */
    record Urls(String caseUrl, String outcomeUrl, String reportingUrl) {

        static Urls of(LocalStack stack) {
            return new Urls(stack.caseUrl(), stack.outcomeUrl(), stack.reportingUrl());
        }

        String of(String service) {
            return switch (service) {
                case "case-service" -> caseUrl;
                case "outcome-service" -> outcomeUrl;
                case "reporting-service" -> reportingUrl;
                default -> throw new IllegalArgumentException(service);
            };
        }
    }

    /**
     * The committed documents the clients were generated from, compared with {@code /v3/api-docs} of each running
     * service (without {@code servers}, which names the port). A difference writes the live document to
     * {@code target/openapi-live/<service>.json}: copy it over the committed one (and rebuild) when the change is meant.
     */
    static List<String> driftFromLiveDocuments(Urls stack) throws Exception {
        List<String> drifted = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        for (String service : SERVICES) {
            HttpResponse<String> served = http.send(HttpRequest.newBuilder(
                    URI.create(stack.of(service) + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(served.statusCode()).as(service + " /v3/api-docs").isEqualTo(200);
            ObjectNode live = (ObjectNode) JSON.readTree(served.body());
            live.remove("servers");
            JsonNode committed = JSON.readTree(Files.readString(COMMITTED.resolve(service + ".json")));
            if (!committed.equals(live)) {
                Files.createDirectories(LIVE);
                Files.writeString(LIVE.resolve(service + ".json"), JSON.writeValueAsString(live) + "\n");
                drifted.add(service + ": the committed document differs from the live one at "
                        + firstDifference("", committed, live) + "; the live one is in "
                        + LIVE.resolve(service + ".json").toAbsolutePath());
            }
        }
        return drifted;
    }

    /** Where two different documents first differ: a JSON pointer (RFC 6901) and both values there. */
    static String firstDifference(String at, JsonNode committed, JsonNode live) {
        if (committed.isObject() && live.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            committed.properties().forEach(p -> names.add(p.getKey()));
            live.properties().forEach(p -> names.add(p.getKey()));
            for (String name : names) {
                String pointer = at + "/" + name.replace("~", "~0").replace("/", "~1");
                JsonNode c = committed.get(name);
                JsonNode l = live.get(name);
                if (c == null || l == null) {
                    return pointer + " (only in the " + (c == null ? "live" : "committed") + " document)";
                }
                if (!c.equals(l)) {
                    return firstDifference(pointer, c, l);
                }
            }
        }
        if (committed.isArray() && live.isArray() && committed.size() == live.size()) {
            for (int i = 0; i < committed.size(); i++) {
                if (!committed.get(i).equals(live.get(i))) {
                    return firstDifference(at + "/" + i, committed.get(i), live.get(i));
                }
            }
        }
        return (at.isEmpty() ? "/" : at) + " (committed " + shortly(committed) + ", live " + shortly(live) + ")";
    }

    private static String shortly(JsonNode value) {
        String text = value.toString();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    /** A fresh NHS number of the 999 test range with a valid mod-11 check digit (a number is registered once). */
    static String testNhsNumber() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        while (true) {
            String nine = "999" + String.format("%06d", random.nextInt(1_000_000));
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                return nine + "0";
            }
            if (check != 10) {
                return nine + check;
            }
        }
    }

    /**
     * A call whose answer a generated model reads: when the model cannot (a field of another type, a required field
     * missing, a field or enum value the document does not name), the failure names the call.
     */
    private static <T> T read(String call, java.util.concurrent.Callable<T> answer) throws Exception {
        try {
            return answer.call();
        } catch (com.google.gson.JsonParseException | IllegalArgumentException unreadable) {
            throw new AssertionError(call + ": the answer does not read as the committed OpenAPI document "
                    + "describes it (" + unreadable + ")", unreadable);
        }
    }

    /** What the walkthrough made, for the caller to check further. */
    record Walked(String personId, String caseId, BigDecimal score, List<String> timelineTypes,
                  List<CohortCountsRow> referralsByType) {
    }

    /**
     * The walkthrough: register a person, refer them, accept the referral, take the case, read it, give consent to
     * evaluation, record a baseline assessment and an outcome, read the timeline and the referrals by advocacy type,
     * close the case. Needs the default framework published.
     */
    static Walked walk(Urls stack, LocalKeys keys) throws Exception {
        String advocate = keys.token("advocate", "advocate-walkthrough", null, Duration.ofMinutes(30));
        String analyst = keys.token("analyst", "analyst-walkthrough", null, Duration.ofMinutes(30));

        org.heard.client.cases.ApiClient cases = new org.heard.client.cases.ApiClient()
                .setBasePath(stack.caseUrl());
        cases.setBearerToken(advocate);
        org.heard.client.outcomes.ApiClient outcomes = new org.heard.client.outcomes.ApiClient()
                .setBasePath(stack.outcomeUrl());
        outcomes.setBearerToken(advocate);
        org.heard.client.reporting.ApiClient reporting = new org.heard.client.reporting.ApiClient()
                .setBasePath(stack.reportingUrl());
        reporting.setBearerToken(advocate);

        PersonControllerApi persons = new PersonControllerApi(cases);
        CaseControllerApi caseApi = new CaseControllerApi(cases);

        String personId = read("POST /api/persons", () -> persons.register(new PersonRequest()
                .name("Alex Synthetic").nhsNumber(testNhsNumber()).dateOfBirth(LocalDate.of(1980, 1, 1)), null))
                .getPersonId();
        assertThat(UUID.fromString(personId)).isNotNull();

        // A malformed referral: the client reads the problem as the document describes it (400, the field named)
        assertThatThrownBy(() -> caseApi.receiveReferral(new ReferralRequest().personId(UUID.fromString(personId))
                .advocacyType(ReferralRequest.AdvocacyTypeEnum.IMHA)
                .referralSource(ReferralRequest.ReferralSourceEnum.PROFESSIONAL), null))
                .isInstanceOfSatisfying(org.heard.client.cases.ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    org.heard.client.cases.model.Problem problem;
                    try {
                        problem = org.heard.client.cases.model.Problem.fromJson(e.getResponseBody());
                    } catch (java.io.IOException unreadable) {
                        throw new AssertionError("the problem is not as documented", unreadable);
                    }
                    assertThat(problem.getErrors()).extracting(org.heard.client.cases.model.FieldProblem::getField)
                            .contains("referredOn");
                });

        CaseCreated created = read("POST /api/cases", () -> caseApi.receiveReferral(new ReferralRequest()
                .personId(UUID.fromString(personId)).advocacyType(ReferralRequest.AdvocacyTypeEnum.IMHA)
                .referralSource(ReferralRequest.ReferralSourceEnum.PROFESSIONAL)
                .referredOn(LocalDate.of(2026, 11, 20)).reason("I want to be heard at my ward round"), null));
        assertThat(created.getPersonId()).isEqualTo(personId);
        UUID caseId = UUID.fromString(created.getCaseId());

        caseApi.accept(caseId, new Dated().on(LocalDate.of(2026, 11, 20)), null);
        caseApi.assign(caseId, new AssignmentRequest().advocateId("advocate-walkthrough"), null);
        CaseView view = read("GET /api/cases/{caseId}", () -> caseApi.view1(caseId));
        assertThat(view.getAdvocateId()).isEqualTo("advocate-walkthrough");
        assertThat(view.getReason()).isEqualTo("I want to be heard at my ward round");
        assertThat(view.getAdvocacyType()).isEqualTo(CaseView.AdvocacyTypeEnum.IMHA);

        persons.giveConsent(UUID.fromString(personId), new ConsentRequest()
                .scope(ConsentRequest.ScopeEnum.EVALUATION).givenOn(LocalDate.of(2026, 11, 20)), null);

        AssessmentRequest baseline = new AssessmentRequest().personId(UUID.fromString(personId)).caseId(caseId)
                .frameworkId("heard-empowerment").frameworkVersion(1)
                .timepoint(AssessmentRequest.TimepointEnum.BASELINE).completedOn(LocalDate.of(2026, 11, 21))
                .completedBy(AssessmentRequest.CompletedByEnum.SELF);
        Map.of("involved-in-decisions", 2, "listened-to", 3, "know-my-rights", 2, "confident-to-speak-up", 3,
                "say-over-care", 2, "hopeful", 4).forEach((item, value) ->
                baseline.addResponsesItem(new Response().itemId(item).value(value)));
        // outcome-service learns of the case from Kafka: until then it answers 422 (retry, as the README says)
        AssessmentRecorded recorded = await().atMost(Duration.ofSeconds(60)).ignoreExceptionsMatching(
                e -> e instanceof org.heard.client.outcomes.ApiException a && a.getCode() == 422)
                .until(() -> read("POST /api/assessments",
                        () -> new AssessmentControllerApi(outcomes).record1(baseline, null)), r -> r != null);

        String outcomeId = read("POST /api/outcomes", () -> new OutcomeControllerApi(outcomes).record(
                new OutcomeRequest()
                .personId(UUID.fromString(personId)).caseId(caseId)
                .domain(OutcomeRequest.DomainEnum.INVOLVEMENT_IN_DECISIONS).subType("views-recorded")
                .description("My views were written into the ward round notes")
                .perspective(OutcomeRequest.PerspectiveEnum.SERVICE_USER)
                .extentOfChange(OutcomeRequest.ExtentOfChangeEnum.SOME)
                .advocacyContribution(OutcomeRequest.AdvocacyContributionEnum.SIGNIFICANT)
                .on(LocalDate.of(2026, 11, 24)), null)).getId();
        assertThat(UUID.fromString(outcomeId)).isNotNull();

        TimelineControllerApi timelines = new TimelineControllerApi(reporting);
        TimelineView timeline = await().atMost(Duration.ofSeconds(60)).ignoreExceptionsMatching(
                e -> e instanceof org.heard.client.reporting.ApiException a && a.getCode() == 404)
                .until(() -> read("GET /api/persons/{personId}/timeline", () -> timelines.timeline(personId, null)),
                        t -> t.getEntries().stream()
                        .anyMatch(e -> e.getType().equals("org.heard.outcome.OutcomeRecorded.v1")));

        org.heard.client.reporting.ApiClient analystClient = new org.heard.client.reporting.ApiClient()
                .setBasePath(stack.reportingUrl());
        analystClient.setBearerToken(analyst);
        Table referrals = read("GET /api/impact/referrals", () -> new ImpactControllerApi(analystClient)
                .referralsCsv("advocacyType", null, null, null, null, null, null));

        caseApi.close(caseId, new CloseRequest().reason(CloseRequest.ReasonEnum.GOALS_MET)
                .closedOn(LocalDate.of(2026, 11, 26)), null);

        return new Walked(personId, caseId.toString(), recorded.getScore(),
                timeline.getEntries().stream().map(EntryView::getType).toList(), referrals.getRows());
    }
}
