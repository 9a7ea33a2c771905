package org.heard.gateway.episode;

import java.time.Instant;

/** Internal (not published): this person was merged into the survivor; the survivor's TrustPersonsMerged says so. */
public record MergedInto(String personId, String survivorId, Instant mergedAt) {
}
