package org.heard.outcomes.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.heard.outcomes.OutcomeServiceTestBase;
import org.heard.outcomes.directory.CaseDirectory;
import org.heard.outcomes.directory.CaseEvents;
import org.heard.outcomes.framework.DefaultFramework;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Role × endpoint × record over outcome-service's record-level endpoints. One person, two cases: case A at provider
 * {@code provider-north}, on advocate {@code h}'s caseload (team red), and case B at {@code provider-south}, on
 * {@code q}'s — as an attacker at another provider who referred the person to get at their record would have it.
 * Every call is about case A and its records (made fresh for each call by {@code h}). Allowed callers must get a
 * success (2xx), the rest 403: a colleague of {@code h} (same provider and team, caseloads not shared), the same
 * staff id at another provider, {@code q} (who holds the person's other case), the person on an advocate's-perspective
 * outcome (wrong perspective), another person, a panel, analysts and trust feeds.
 */
class OutcomeAccessMatrixTest extends OutcomeServiceTestBase {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));
    private static final String F = DefaultFramework.ID;

    @Autowired
    CaseDirectory directory;

    private final String person = UUID.randomUUID().toString();
    private final String caseA = UUID.randomUUID().toString();
    private final String caseB = UUID.randomUUID().toString();
    private final String holderId = "h-" + UUID.randomUUID();
    private final String holder = TestKeys.token(Caller.ADVOCATE, holderId, null, "provider-north", "red");
    private final String panel = TestKeys.token(Caller.PANEL, "panel-" + UUID.randomUUID(), null);

    /** The records a call may be about, made fresh by the holder. */
    private record Records(String advocateOutcome, String ownViewOutcome, String goal, String systemicIssue,
                           String draftFramework) {
    }

    private record Call(String name, Function<Records, String> path, String body, Set<String> allowed) {
    }

    private static final String HOLDER = "holder";
    private static final String PERSON = "the person";

    private String outcome(String perspective) {
        return """
                {"personId":"%s","caseId":"%s","domain":"CARE_AND_TREATMENT","subType":"leave-granted",
                 "description":"Synthetic words","perspective":"%s","extentOfChange":"SOME",
                 "advocacyContribution":"SOME","on":"%s"}""".formatted(person, caseA, perspective, TODAY);
    }

    private String assessment() {
        StringBuilder responses = new StringBuilder();
        for (String item : List.of("involved-in-decisions", "listened-to", "know-my-rights", "confident-to-speak-up",
                "say-over-care", "hopeful")) {
            responses.append(responses.isEmpty() ? "" : ",").append("{\"itemId\":\"").append(item)
                    .append("\",\"value\":3}");
        }
        return """
                {"personId":"%s","caseId":"%s","frameworkId":"%s","frameworkVersion":1,"timepoint":"BASELINE",
                 "completedOn":"%s","completedBy":"SELF","responses":[%s]}"""
                .formatted(person, caseA, F, TODAY, responses);
    }

    private List<Call> calls() {
        Set<String> holderOnly = Set.of(HOLDER);
        // systemic issues are about services, not one person: any advocate logs one and records its changes
        Set<String> advocates = Set.of(HOLDER, "a colleague in the holder's team (provider does not share by team)",
                "the holder's staff id at another provider", "the advocate of the person's case at another provider",
                "an advocate whose token names no provider");
        Set<String> holderAndPerson = Set.of(HOLDER, PERSON);
        String goal = """
                {"personId":"%s","caseId":"%s","domain":"PERSONAL_DEVELOPMENT","description":"Speak at my CPA",
                 "scale":"GOAL_BASED_OUTCOMES","setOn":"%s"}""".formatted(person, caseA, TODAY);
        return List.of(
                new Call("record an assessment", r -> "/api/assessments", assessment(), holderAndPerson),
                new Call("record an advocate's outcome", r -> "/api/outcomes", outcome("ADVOCATE"), holderOnly),
                new Call("record the person's own view", r -> "/api/outcomes", outcome("SERVICE_USER"),
                        holderAndPerson),
                new Call("revise an advocate's outcome", r -> "/api/outcomes/" + r.advocateOutcome() + "/revision",
                        outcome("ADVOCATE"), holderOnly),
                new Call("revise the person's own view", r -> "/api/outcomes/" + r.ownViewOutcome() + "/revision",
                        outcome("SERVICE_USER"), holderAndPerson),
                new Call("retract an outcome", r -> "/api/outcomes/" + r.advocateOutcome() + "/retraction",
                        "{\"on\":\"" + TODAY + "\"}", holderOnly),
                new Call("set a goal", r -> "/api/goals", goal, holderOnly),
                new Call("rate a goal", r -> "/api/goals/" + r.goal() + "/ratings",
                        "{\"rating\":5,\"ratedBy\":\"SERVICE_USER\",\"ratedOn\":\"" + TODAY + "\"}", holderOnly),
                new Call("mark a goal achieved", r -> "/api/goals/" + r.goal() + "/achievement",
                        "{\"on\":\"" + TODAY + "\"}", holderOnly),
                new Call("link the case to a systemic issue", r -> "/api/systemic-issues/" + r.systemicIssue()
                        + "/cases", "{\"caseId\":\"" + caseA + "\",\"linkedOn\":\"" + TODAY + "\"}", holderOnly),
                new Call("log a systemic issue", r -> "/api/systemic-issues",
                        "{\"level\":\"WARD\",\"theme\":\"leave\",\"loggedOn\":\"" + TODAY + "\"}", advocates),
                new Call("record a change achieved on a systemic issue",
                        r -> "/api/systemic-issues/" + r.systemicIssue() + "/changes",
                        "{\"description\":\"Leave planned ahead\",\"achievedOn\":\"" + TODAY + "\"}", advocates),
                new Call("record a service-user panel's review",
                        r -> "/api/frameworks/" + r.draftFramework() + "/versions/1/reviews",
                        "{\"reviewerRole\":\"SERVICE_USER_PANEL\",\"verdict\":\"ENDORSED\",\"reviewedOn\":\"" + TODAY
                                + "\"}", Set.of("panel")));
    }

    /** Who calls, by name; the holder and the person are the only ones the rules let at case A's records. */
    private Map<String, String> callers() {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put(HOLDER, holder);
        callers.put("a colleague in the holder's team (provider does not share by team)",
                TestKeys.token(Caller.ADVOCATE, "c-" + UUID.randomUUID(), null, "provider-north", "red"));
        callers.put("the holder's staff id at another provider",
                TestKeys.token(Caller.ADVOCATE, holderId, null, "provider-south", "red"));
        callers.put("the advocate of the person's case at another provider",
                TestKeys.token(Caller.ADVOCATE, "q-" + caseB, null, "provider-south", "red"));
        callers.put("an advocate whose token names no provider",
                TestKeys.token(Caller.ADVOCATE, holderId, null, null, null));
        callers.put(PERSON, TestKeys.token(Caller.SERVICE_USER, "su-" + person, person));
        callers.put("another person", TestKeys.token(Caller.SERVICE_USER, "su-other", UUID.randomUUID().toString()));
        callers.put("panel", panel);
        callers.put("analyst", TestKeys.token(Caller.ANALYST, "analyst-1", null));
        callers.put("trust feed of the provider",
                TestKeys.token(Caller.INTEGRATION, "feed-north", null, "provider-north", null));
        return callers;
    }

    private void known() {
        try (CaseEvents events = new CaseEvents()) {
            events.personWithCaseOn(person, caseA, "provider-north", holderId, "red");
            events.referred(person, caseB, "provider-south");
            events.assigned(person, caseB, "q-" + caseB, "red", 2);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.find(caseA)
                .filter(c -> holderId.equals(c.advocateId()) && "provider-north".equals(c.providerId())).isPresent()
                && directory.find(caseB).filter(c -> c.advocateId() != null).isPresent());
    }

    private void publishDefaultFramework() throws Exception {
        if ("PUBLISHED".equals(json(get("/api/frameworks/" + F + "/versions/1", holder)).get("status").asString())) {
            return;
        }
        post("/api/frameworks/" + F + "/versions/1/reviews", """
                {"reviewerRole":"SERVICE_USER_PANEL","verdict":"ENDORSED","reviewedOn":"%s"}""".formatted(TODAY), panel);
        post("/api/frameworks/" + F + "/versions/1/publication", "{\"on\":\"" + TODAY + "\"}", holder);
    }

    private String created(String path, String body) throws Exception {
        HttpResponse<String> response = post(path, body, holder);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(201);
        return json(response).get("id").asString();
    }

    private Records records() throws Exception {
        String issue = created("/api/systemic-issues", """
                {"level":"WARD","theme":"leave","loggedOn":"%s"}""".formatted(TODAY));
        String framework = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/api/frameworks", """
                {"frameworkId":"%s","name":"Matrix","purpose":"WELLBEING","scoringRule":"SUM"}""".formatted(framework),
                holder).statusCode()).isEqualTo(201);
        return new Records(created("/api/outcomes", outcome("ADVOCATE")), created("/api/outcomes",
                outcome("SERVICE_USER")), created("/api/goals", """
                {"personId":"%s","caseId":"%s","domain":"PERSONAL_DEVELOPMENT","description":"Speak at my CPA",
                 "scale":"GOAL_BASED_OUTCOMES","setOn":"%s"}""".formatted(person, caseA, TODAY)), issue, framework);
    }

    @Test
    void everyCallerMeetsTheRecordLevelRulesOnEveryEndpoint() throws Exception {
        known();
        publishDefaultFramework();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Call call : calls()) {
            for (Map.Entry<String, String> caller : callers().entrySet()) {
                Records records = records();
                HttpResponse<String> response = post(call.path().apply(records), call.body(), caller.getValue());
                boolean allowed = call.allowed().contains(caller.getKey());
                int status = response.statusCode();
                boolean passed = allowed ? status >= 200 && status < 300 : status == 403;
                if (!passed) {
                    wrong.add(call.name() + " as " + caller.getKey() + " -> " + status);
                }
                if (status == 403) {
                    assertThat(response.body()).doesNotContain(person).doesNotContain(caseA);
                }
                checked++;
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isEqualTo(calls().size() * callers().size());
        // the panel records only its own kind of review
        assertThat(post("/api/frameworks/" + records().draftFramework() + "/versions/1/reviews",
                "{\"reviewerRole\":\"CLINICIAN\",\"verdict\":\"ENDORSED\",\"reviewedOn\":\"" + TODAY + "\"}",
                panel).statusCode()).isEqualTo(403);
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aCaseWhoseCaseloadCannotBeCheckedIsLinkedByNobody() throws Exception {
        known();
        // records about a case from before the directory knew it (or after its directory lost it): known, unchecked
        String unchecked = UUID.randomUUID().toString();
        jdbc.update("insert into known_case (case_id) values (?)", unchecked);
        String issue = created("/api/systemic-issues", """
                {"level":"WARD","theme":"leave","loggedOn":"%s"}""".formatted(TODAY));
        for (String advocate : List.of(holder, TestKeys.token(Caller.ADVOCATE, "x-" + UUID.randomUUID(), null,
                "provider-elsewhere", "red"))) {
            HttpResponse<String> linked = post("/api/systemic-issues/" + issue + "/cases",
                    "{\"caseId\":\"" + unchecked + "\",\"linkedOn\":\"" + TODAY + "\"}", advocate);
            assertThat(linked.statusCode()).as(linked.body()).isEqualTo(409);
            assertThat(json(linked).get("rule").asString()).isEqualTo("unknown-case");
            assertThat(linked.body()).doesNotContain(unchecked);
        }
    }

    @Test
    void aRevisionNamingAnotherPersonOrCaseThanTheOutcomesIsRefusedAndChangesNothing() throws Exception {
        known();
        String outcomeId = created("/api/outcomes", outcome("SERVICE_USER"));
        String me = UUID.randomUUID().toString();
        String myCase = UUID.randomUUID().toString();
        try (CaseEvents events = new CaseEvents()) {
            events.personWithCaseOn(me, myCase, "provider-north", holderId, "red");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.find(myCase)
                .filter(c -> c.advocateId() != null).isPresent());
        // the finding: a service user revised another person's outcome by putting their own id in the body
        String body = outcome("SERVICE_USER").replace(person, me).replace(caseA, myCase);
        HttpResponse<String> asMe = post("/api/outcomes/" + outcomeId + "/revision", body,
                TestKeys.token(Caller.SERVICE_USER, "su-me", me));
        assertThat(asMe.statusCode()).isEqualTo(403);
        // even their advocate cannot move an outcome to another person or case
        HttpResponse<String> moved = post("/api/outcomes/" + outcomeId + "/revision", body, holder);
        assertThat(moved.statusCode()).isEqualTo(422);
        assertThat(json(moved).get("errors").get(0).get("field").asString()).isEqualTo("personId");
        HttpResponse<String> otherCase = post("/api/outcomes/" + outcomeId + "/revision",
                outcome("SERVICE_USER").replace(caseA, myCase), holder);
        assertThat(otherCase.statusCode()).isEqualTo(422);
        assertThat(json(otherCase).get("errors").get(0).get("field").asString()).isEqualTo("caseId");
    }

    @Test
    void whereTheProviderSharesByTeamTheTeamActsOnItsCasesAndNoOtherTeamDoes() throws Exception {
        String teamCase = UUID.randomUUID().toString();
        String teamPerson = UUID.randomUUID().toString();
        try (CaseEvents events = new CaseEvents()) {
            events.personWithCaseOn(teamPerson, teamCase, "provider-teams", "t1", "red");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.find(teamCase)
                .filter(c -> c.advocateId() != null).isPresent());
        String goal = """
                {"personId":"%s","caseId":"%s","domain":"PERSONAL_DEVELOPMENT","description":"Speak at my CPA",
                 "scale":"GOAL_BASED_OUTCOMES","setOn":"%s"}""".formatted(teamPerson, teamCase, TODAY);
        assertThat(post("/api/goals", goal, TestKeys.token(Caller.ADVOCATE, "t2", null, "provider-teams", "red"))
                .statusCode()).isEqualTo(201);
        assertThat(post("/api/goals", goal, TestKeys.token(Caller.ADVOCATE, "t3", null, "provider-teams", "blue"))
                .statusCode()).isEqualTo(403);
        assertThat(post("/api/goals", goal, TestKeys.token(Caller.ADVOCATE, "t4", null, "provider-other", "red"))
                .statusCode()).isEqualTo(403);
    }
}
