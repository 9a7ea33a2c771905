package org.heard.gateway.caseservice;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.heard.gateway.GatewayProperties;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's side of case-service's public API, called as the {@code integration} role: find or register a person
 * by NHS number, open a referral, record a legal status on it. Every POST carries an Idempotency-Key made from what it
 * is for, so a retry after a crash or a lost answer gets case-service's first answer again instead of a second case.
 */
public class CaseServiceClient {

    /** What the gateway registers of a person (case-service seals it with the person's own key). */
    public record PersonDetails(String name, String nhsNumber, LocalDate dateOfBirth, String ethnicCategory,
                                String gender) {
        @Override
        public String toString() {
            return "PersonDetails[…]";
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;
    private final ServiceToken token;

    public CaseServiceClient(GatewayProperties.CaseService config, ServiceToken token) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(config.timeout()).build());
        requests.setReadTimeout(config.timeout());
        this.http = RestClient.builder().baseUrl(config.url().toString()).requestFactory(requests).build();
        this.token = token;
    }

    /** The person's pseudonymous id, if case-service knows this NHS number. */
    public Optional<String> findByNhsNumber(String nhsNumber) {
        return call(() -> {
            try {
                JsonNode found = http.get().uri(u -> u.path("/api/persons").queryParam("nhsNumber", nhsNumber).build())
                        .header("Authorization", "Bearer " + token.current())
                        .retrieve().body(JsonNode.class);
                return Optional.of(found.get("personId").asString());
            } catch (RestClientResponseException e) {
                if (e.getStatusCode().value() == 404) {
                    return Optional.<String>empty();
                }
                throw e;
            }
        });
    }

    /**
     * Registers a person and returns their new id.
     *
     * @throws CaseServiceRefusal with rule {@code nhs-number-registered} when someone else registered them first
     */
    public String register(PersonDetails person, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", person.name());
        body.put("nhsNumber", person.nhsNumber());
        body.put("dateOfBirth", person.dateOfBirth() == null ? null : person.dateOfBirth().toString());
        Map<String, Object> equality = new LinkedHashMap<>();
        equality.put("ethnicCategory", person.ethnicCategory());
        equality.put("gender", person.gender());
        body.put("equality", equality);
        return post("/api/persons", body, idempotencyKey).get("personId").asString();
    }

    /** Opens an IMHA referral from the trust feed and returns the case id. */
    public String openImhaReferral(String personId, LocalDate referredOn, String organisation, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("personId", personId);
        body.put("advocacyType", "IMHA");
        body.put("referralSource", "TRUST_FEED");
        body.put("referredOn", referredOn.toString());
        body.put("setting", "INPATIENT_WARD");
        body.put("referringOrganisation", organisation);
        return post("/api/cases", body, idempotencyKey).get("caseId").asString();
    }

    /** Records the legal status on a case. */
    public void recordLegalStatus(String caseId, String code, LocalDate startedOn, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("legalStatusCode", code);
        body.put("startedOn", startedOn.toString());
        post("/api/cases/" + caseId + "/legal-status", body, idempotencyKey);
    }

    private JsonNode post(String path, Map<String, Object> body, String idempotencyKey) {
        return call(() -> {
            String answer = http.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                    .header("Authorization", "Bearer " + token.current())
                    .header("Idempotency-Key", idempotencyKey)
                    .body(JSON.writeValueAsString(body))
                    .retrieve().body(String.class);
            return answer == null || answer.isBlank() ? JSON.createObjectNode() : JSON.readTree(answer);
        });
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientResponseException e) {
            HttpStatusCode status = e.getStatusCode();
            int code = status.value();
            if (code == 401) {
                token.refresh();
            }
            if (code == 429) {
                throw new CaseServiceBusy(retryAfter(e));
            }
            if (status.is4xxClientError() && code != 401 && code != 408) {
                throw new CaseServiceRefusal(code, ruleOf(e.getResponseBodyAsString()));
            }
            throw new CaseServiceUnavailable("case-service answered " + code);
        } catch (ResourceAccessException e) {
            throw new CaseServiceUnavailable("case-service unreachable (" + rootCause(e) + ")");
        }
    }

    /** The answer's Retry-After in seconds, between 1 s and 60 s; 1 s when it has none. */
    static java.time.Duration retryAfter(RestClientResponseException e) {
        String value = e.getResponseHeaders() == null ? null : e.getResponseHeaders().getFirst("Retry-After");
        long seconds = 1;
        if (value != null) {
            try {
                seconds = Long.parseLong(value.trim());
            } catch (NumberFormatException notSeconds) {
                // an HTTP date: case-service sends seconds, so wait the least
            }
        }
        return java.time.Duration.ofSeconds(Math.max(1, Math.min(60, seconds)));
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof IOException ? cause.getClass().getSimpleName() : e.getClass().getSimpleName();
    }

    /** The problem's rule name, or the first field it names; never a value. */
    static String ruleOf(String problem) {
        try {
            JsonNode node = JSON.readTree(problem);
            if (node.hasNonNull("rule")) {
                return node.get("rule").asString();
            }
            if (node.has("errors") && node.get("errors").size() > 0) {
                return "field:" + node.get("errors").get(0).get("field").asString();
            }
        } catch (RuntimeException ignored) {
            // not a problem document
        }
        return null;
    }
}
