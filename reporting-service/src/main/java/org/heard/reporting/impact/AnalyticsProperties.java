package org.heard.reporting.impact;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What analysts get ({@code heard.analytics.*}).
 *
 * @param datasetKey   base64 key (≥ 32 bytes) from which each dataset's pseudonym key is derived
 *                     ({@code HEARD_DATASET_KEY})
 * @param suppressUpTo counts from 1 up to this are published as "*" ({@code HEARD_SUPPRESS_UP_TO}, default 7)
 * @param roundingBase other counts are rounded to the nearest multiple of this ({@code HEARD_ROUNDING_BASE}, default 5)
 * @param estimateReliableChange for a framework version that declares no SD and reliability, estimate them from its
 *                               baseline readings here (SD of the totals, Cronbach's α of the items; at least 30
 *                               readings) instead of leaving reliable change out ({@code HEARD_ESTIMATE_RELIABLE_CHANGE},
 *                               default false)
 */
@ConfigurationProperties("heard.analytics")
public record AnalyticsProperties(String datasetKey, @DefaultValue("7") int suppressUpTo,
                                  @DefaultValue("5") int roundingBase,
                                  @DefaultValue("false") boolean estimateReliableChange) {
}
