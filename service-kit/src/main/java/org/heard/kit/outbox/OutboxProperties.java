package org.heard.kit.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the outbox gauges are measured ({@code heard.outbox.*}).
 *
 * @param measureEvery the time between two measurements, idle or not
 */
@ConfigurationProperties("heard.outbox")
public record OutboxProperties(@DefaultValue("5s") Duration measureEvery) {
}
