package org.heard.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.heard.chaos.Ledger.Command;
import org.heard.chaos.Ledger.Kind;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients acting as advocates through the public REST APIs, each working one synthetic person after another:
 * register, refer, accept, assign, first contact, involvement, baseline assessment, close. Every POST carries an
 * Idempotency-Key and is sent again with the same key when there is no answer or a 5xx (or a 409 saying the first
 * attempt is still in progress, or a 422 from outcome-service for the person and case this client just created), as
 * a real client would, for at most {@link #GIVE_UP} per command.
 */
final class Advocates {

    /** How long a client keeps retrying one command (covers a restart of the whole stack). */
    static final Duration GIVE_UP = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] ITEMS = {"involved-in-decisions", "listened-to", "know-my-rights",
            "confident-to-speak-up", "say-over-care", "hopeful"};

    private final StackUnderTest stack;
    private final Ledger ledger;
    private final List<String> tokens;
    private final Duration patience;
    private final AtomicInteger nhs;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
    private volatile boolean running;
    private volatile boolean abandoned;
    private volatile int round;
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param tokens   one advocate token per client
     * @param patience how long a client waits for a key answered "still in progress" to be settled
     */
    Advocates(StackUnderTest stack, Ledger ledger, List<String> tokens, Duration patience, long seed) {
        this.stack = stack;
        this.ledger = ledger;
        this.tokens = tokens;
        this.patience = patience;
        this.nhs = new AtomicInteger(new Random(seed).nextInt(800_000));
    }

    /** The default framework ships as a draft: a synthetic service-user panel endorses it, then it is published. */
    void publishDefaultFramework(String panelToken) throws InterruptedException {
        String version = stack.outcomeUrl() + "/api/frameworks/heard-empowerment/versions/1";
        // a service-user panel's review comes from the panel's role, never from an advocate
        Command review = send(panelToken, null, version + "/reviews", """
                {"reviewerRole":"SERVICE_USER_PANEL","verdict":"ENDORSED","reviewedOn":"%s"}""".formatted(today),
                null, null, null);
        Command publication = send(tokens.get(0), null, version + "/publication", "{\"on\":\"" + today + "\"}",
                null, null, null);
        if (!review.acknowledged || !publication.acknowledged) {
            throw new IllegalStateException("the default framework could not be published: "
                    + review.lastFailure + " / " + publication.lastFailure);
        }
    }

    /** Starts the clients; each keeps starting journeys until {@link #stop}. */
    void start(int round) {
        this.round = round;
        running = true;
        threads.clear();
        for (int c = 0; c < tokens.size(); c++) {
            String token = tokens.get(c);
            String advocateId = "chaos-advocate-" + (c + 1);
            Thread thread = new Thread(() -> {
                try {
                    while (running) {
                        journey(token, advocateId);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "advocate-" + (c + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Lets every client finish the command it is on (with its retries), then returns. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Stops the clients without waiting for their commands to be answered (the stack is not coming back). */
    void abandon() throws InterruptedException {
        abandoned = true;
        stop();
    }

    private void journey(String token, String advocateId) throws InterruptedException {
        String cases = stack.caseUrl() + "/api/cases";
        Command person = send(token, Kind.REGISTER_PERSON, stack.caseUrl() + "/api/persons", """
                {"name":"Chaos Synthetic %d","nhsNumber":"%s","dateOfBirth":"1980-02-03","contact":"07700 900000",
                 "equality":{"ethnicCategory":"A","gender":"WOMAN","preferredLanguage":"en","interpreterNeeded":false,
                 "disabilities":[]}}""".formatted(nhs.get(), nextNhsNumber()), null, null, "personId");
        if (!person.acknowledged || !running) {
            return;
        }
        String personId = person.createdId;
        LocalDate referred = today.minusDays(10);
        Command referral = send(token, Kind.RECEIVE_REFERRAL, cases, """
                {"personId":"%s","advocacyType":"IMHA","referralSource":"TRUST_FEED","referredOn":"%s",
                 "setting":"INPATIENT_WARD","instructed":true}""".formatted(personId, referred), personId, null,
                "caseId");
        if (!referral.acknowledged || !running) {
            return;
        }
        String caseId = referral.createdId;
        String caseUrl = cases + "/" + caseId;
        List<Object[]> steps = List.of(
                new Object[] {Kind.ACCEPT_REFERRAL, caseUrl + "/acceptance", "{\"on\":\"" + referred + "\"}", null},
                new Object[] {Kind.ASSIGN_ADVOCATE, caseUrl + "/advocate", "{\"advocateId\":\"" + advocateId + "\"}",
                        null},
                new Object[] {Kind.RECORD_FIRST_CONTACT, caseUrl + "/first-contact", "{\"contactOn\":\""
                        + referred.plusDays(1) + "\",\"mode\":\"IN_PERSON\"}", null},
                new Object[] {Kind.RECORD_INVOLVEMENT, caseUrl + "/involvements", """
                        {"forum":"WARD_ROUND","heldOn":"%s","participation":"SPOKE_FOR_THEMSELVES_WITH_SUPPORT",
                         "viewsTakenIntoAccount":"PARTLY","advocateMinutes":45}""".formatted(referred.plusDays(2)),
                        "id"});
        for (Object[] step : steps) {
            Command command = send(token, (Kind) step[0], (String) step[1], (String) step[2], personId, caseId,
                    (String) step[3]);
            if (!command.acknowledged || !running) {
                return;
            }
        }
        StringBuilder responses = new StringBuilder();
        for (int i = 0; i < ITEMS.length; i++) {
            responses.append(i == 0 ? "" : ",").append("{\"itemId\":\"").append(ITEMS[i]).append("\",\"value\":")
                    .append(1 + (i + nhs.get()) % 5).append('}');
        }
        Command assessment = send(token, Kind.RECORD_ASSESSMENT, stack.outcomeUrl() + "/api/assessments", """
                {"personId":"%s","caseId":"%s","frameworkId":"heard-empowerment","frameworkVersion":1,
                 "timepoint":"BASELINE","completedOn":"%s","completedBy":"SELF","responses":[%s]}""".formatted(
                personId, caseId, referred.plusDays(2), responses), personId, caseId, "assessmentId");
        if (!assessment.acknowledged || !running) {
            return;
        }
        // a case event after the involvement: the case's sequence now goes back and forth between two topics
        send(token, Kind.CLOSE_CASE, caseUrl + "/close", "{\"reason\":\"GOALS_MET\",\"closedOn\":\""
                + referred.plusDays(3) + "\"}", personId, caseId, null);
    }

    /** A valid NHS number of the 999 test range that no other journey of this drill uses. */
    private String nextNhsNumber() {
        while (true) {
            String nine = Integer.toString(999_000_000 + nhs.getAndIncrement() % 1_000_000);
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

    /**
     * Sends one command until it is answered: retried with the same key on no answer, 5xx, or 409 for a key whose first
     * attempt is still in progress (for at most the patience given).
     */
    private Command send(String token, Kind kind, String url, String json, String personId, String caseId,
                         String idField) throws InterruptedException {
        Command command = new Command(kind, UUID.randomUUID().toString(), round, personId, caseId);
        if (kind != null) {
            ledger.add(command);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", command.key).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        long inProgressSince = 0;
        long backoff = 100;
        while (true) {
            command.attempts++;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    if (idField != null) {
                        JsonNode id = parse(response.body()).path(idField);
                        if (!id.isString()) {
                            command.lastFailure = status + " without the " + idField + " it must return";
                            return command;
                        }
                        command.createdId = id.asString();
                    }
                    command.acknowledged = true;
                    return command;
                }
                JsonNode problem = parse(response.body());
                // 409 from the idempotency filter: the key's first attempt has not settled (yet)
                boolean keyBusy = status == 409 && problem.path("type").asString("").contains("idempotency");
                // 422 naming a person or case this client was answered 2xx for: outcome-service has not learnt it
                // from case-service's events yet (case-service's outbox is behind after a fault); the README says
                // to retry, and so does an advocate's client
                // — and equally a 403 for the case this client was answered 2xx for assigning: the assignment is still
                // in case-service's outbox (outcome-service waited for it, then had to answer from what it knew)
                boolean notArrived = (status == 422 || status == 403) && kind == Kind.RECORD_ASSESSMENT;
                command.lastFailure = status + (keyBusy ? " " + problem.path("detail").asString("") : "");
                if (status < 500 && !keyBusy && !notArrived) {
                    // refused: problem+json names the rule or field, never a value, so it can be counted as it is
                    command.lastFailure = status + " " + parse(response.body()).path("title").asString("")
                            + ruleOrField(response.body());
                    return command;
                }
                if (keyBusy) {
                    inProgressSince = inProgressSince == 0 ? System.nanoTime() : inProgressSince;
                    if (System.nanoTime() - inProgressSince > patience.toNanos()) {
                        command.lastFailure += " (still after " + patience.toSeconds() + " s)";
                        return command;
                    }
                }
            } catch (IOException noAnswer) {
                command.lastFailure = "no answer (" + noAnswer.getClass().getSimpleName() + ")";
            }
            if (abandoned) {
                command.lastFailure += " (abandoned: the stack did not come back)";
                return command;
            }
            if (System.nanoTime() > giveUp) {
                command.lastFailure += " for " + GIVE_UP.toMinutes() + " min";
                return command;
            }
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, 2000);
        }
    }

    private static String ruleOrField(String body) {
        JsonNode problem = parse(body);
        if (problem.has("rule")) {
            return " (" + problem.get("rule").asString() + ")";
        }
        JsonNode errors = problem.path("errors");
        return errors.isArray() && !errors.isEmpty() ? " (" + errors.get(0).path("field").asString() + ")" : "";
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode();
        }
    }
}
