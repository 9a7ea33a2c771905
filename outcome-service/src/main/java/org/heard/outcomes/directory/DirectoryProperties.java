package org.heard.outcomes.directory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How outcome-service learns people and cases from case-service's published events ({@code heard.directory.*}).
 *
 * @param groupId        the Kafka consumer group; every instance of outcome-service that shares a database shares it
 * @param waitForUnknown how long a command naming a person or case not known yet waits for it to arrive (case-service
 *                       publishes from its outbox, so a referral made a moment ago may not be here yet)
 * @param waitWhileBehind how long in all such a command waits while the directory has not read everything
 *                       {@code heard.case.v1} held when the command looked (after a restart, a rebalance, a backlog);
 *                       still behind then, it answers 503 with Retry-After rather than a 422 that may be false
 * @param pollTimeout    the longest single poll of the consumer
 * @param retryBackoff   the wait before a batch whose write failed (database unavailable) is read again
 */
@ConfigurationProperties("heard.directory")
public record DirectoryProperties(
        @DefaultValue("heard-outcome-directory") String groupId,
        @DefaultValue("3s") Duration waitForUnknown,
        @DefaultValue("10s") Duration waitWhileBehind,
        @DefaultValue("500ms") Duration pollTimeout,
        @DefaultValue("1s") Duration retryBackoff) {
}
