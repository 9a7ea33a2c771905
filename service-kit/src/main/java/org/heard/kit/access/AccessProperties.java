package org.heard.kit.access;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The record-level access settings every service shares ({@code heard.access.*}).
 *
 * @param teamCaseloadProviders the providers that share caseloads within a team: their advocates act on every case
 *                              assigned to their team, not only on their own ({@code HEARD_ACCESS_TEAM_CASELOADS},
 *                              comma separated; none by default)
 * @param providerOfEarlierCases the provider that received the cases referred before referrals named their provider
 *                              ({@code HEARD_ACCESS_PROVIDER_OF_EARLIER_CASES}); unset, such cases are nobody's
 *                              caseload until an advocate is given access through a grant
 * @param grantLifetime         how long an exceptional look at a person's record, once asked for, lasts
 */
@ConfigurationProperties("heard.access")
public record AccessProperties(Set<String> teamCaseloadProviders, String providerOfEarlierCases,
                               @DefaultValue("1h") Duration grantLifetime) {

    public AccessProperties {
        teamCaseloadProviders = teamCaseloadProviders == null ? Set.of() : teamCaseloadProviders.stream()
                .filter(p -> p != null && !p.isBlank()).map(String::trim).collect(java.util.stream.Collectors.toUnmodifiableSet());
        providerOfEarlierCases = providerOfEarlierCases == null || providerOfEarlierCases.isBlank() ? null
                : providerOfEarlierCases;
    }
}
