package org.heard.reporting.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.heard.kit.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * The outboxes of the write services, as the stream-status page shows them: each service's own
 * {@code GET /api/operations/outbox}, asked by reporting-service with the operator's token, both at once, each within
 * {@code heard.operations.outbox-timeout}. A service that does not answer, or answers anything but 200, is shown as
 * such (with the status code or the error's class, never the body).
 */
public class WriteServiceOutboxes {

    private static final Logger log = LoggerFactory.getLogger(WriteServiceOutboxes.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One write service's outbox.
     *
     * @param service the write service
     * @param outbox  its outbox as it answered; null when it did not
     * @param problem why there is no outbox: "answered 503", "did not answer (HttpTimeoutException)"; null when it did
     */
    public record ServiceOutbox(String service, Outbox.Status outbox, String problem) {
    }

    /** The write services' outboxes at one moment. */
    public record Outboxes(Instant at, List<ServiceOutbox> services) {
    }

    private final Map<String, URI> services = new LinkedHashMap<>();
    private final OperationsProperties properties;
    private final Clock clock;
    private final HttpClient http;

    public WriteServiceOutboxes(OperationsProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        if (properties.caseServiceUrl() != null) {
            services.put("case-service", properties.caseServiceUrl());
        }
        if (properties.outcomeServiceUrl() != null) {
            services.put("outcome-service", properties.outcomeServiceUrl());
        }
        this.http = HttpClient.newBuilder().connectTimeout(properties.outboxTimeout()).build();
    }

    /** Asks every configured write service for its outbox with this bearer token. */
    public Outboxes now(String bearerToken) {
        List<CompletableFuture<ServiceOutbox>> answers = new ArrayList<>();
        services.forEach((service, url) -> answers.add(ask(service, url, bearerToken)));
        return new Outboxes(clock.instant(), answers.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<ServiceOutbox> ask(String service, URI url, String bearerToken) {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/operations/outbox"))
                .timeout(properties.outboxTimeout()).header("Authorization", "Bearer " + bearerToken)
                .header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                log.debug("{} did not answer for its outbox ({})", service, cause.getClass().getSimpleName());
                return new ServiceOutbox(service, null, "did not answer (" + cause.getClass().getSimpleName() + ")");
            }
            if (response.statusCode() != 200) {
                return new ServiceOutbox(service, null, "answered " + response.statusCode());
            }
            try {
                return new ServiceOutbox(service, JSON.readValue(response.body(), Outbox.Status.class), null);
            } catch (RuntimeException unreadable) {
                return new ServiceOutbox(service, null, "answered what is not an outbox");
            }
        });
    }
}
