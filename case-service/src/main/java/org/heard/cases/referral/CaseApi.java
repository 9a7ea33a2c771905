package org.heard.cases.referral;

import java.time.LocalDate;

import org.heard.kit.domain.NotInFuture;

import jakarta.validation.constraints.NotNull;

/**
 * What the endpoints of the case's use cases share in the OpenAPI document: their tag, and the two bodies more than one
 * slice answers or reads (their simple names are the schema names, as they were in the one controller before it was
 * cut into slices).
 */
public final class CaseApi {

    /** The tag of every case endpoint in the OpenAPI document (as it was before the slices). */
    public static final String TAG = "case-controller";

    private CaseApi() {
    }

    /** The id of something just recorded. */
    public record Created(String id) {
    }

    /** The date of a decision or event on a case. */
    public record Dated(@NotNull @NotInFuture LocalDate on) {
    }
}
