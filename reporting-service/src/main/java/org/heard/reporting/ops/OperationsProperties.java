package org.heard.reporting.ops;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the stream-status page finds the write services' outboxes ({@code heard.operations.*}). reporting-service asks
 * each {@code <url>/api/operations/outbox} itself, forwarding the operator's own token (every Heard service accepts
 * the same issuer and audience), so the browser talks to reporting-service only.
 *
 * @param caseServiceUrl    case-service's base URL ({@code HEARD_CASE_URL}); none: not shown
 * @param outcomeServiceUrl outcome-service's base URL ({@code HEARD_OUTCOME_URL}); none: not shown
 * @param outboxTimeout     how long to wait for each answer before showing the service as not answering
 */
@ConfigurationProperties("heard.operations")
public record OperationsProperties(URI caseServiceUrl, URI outcomeServiceUrl,
                                   @DefaultValue("3s") Duration outboxTimeout) {
}
