package org.heard.kit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-caller rate limits ({@code heard.rate-limits.*}), each a token bucket refilled evenly over its period.
 *
 * @param nhsNumberLookupsPerMinute     {@code GET /api/persons?nhsNumber=} (HEARD_RATE_LIMITS_NHS_NUMBER_LOOKUPS_PER_MINUTE)
 * @param registrationConflictsPerHour  registrations refused because the NHS number is registered; once used up, every
 *                                      registration with an NHS number waits (..._REGISTRATION_CONFLICTS_PER_HOUR)
 * @param analystQueriesPerMinute       {@code /api/impact/**} of reporting-service (..._ANALYST_QUERIES_PER_MINUTE)
 */
@ConfigurationProperties("heard.rate-limits")
public record RateLimitProperties(@DefaultValue("60") int nhsNumberLookupsPerMinute,
                                  @DefaultValue("20") int registrationConflictsPerHour,
                                  @DefaultValue("120") int analystQueriesPerMinute) {

    public RateLimitProperties {
        if (nhsNumberLookupsPerMinute < 1 || registrationConflictsPerHour < 1 || analystQueriesPerMinute < 1) {
            throw new IllegalArgumentException("heard.rate-limits.* must each be at least 1");
        }
    }
}
