package org.heard.kit.idempotency;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What an endpoint or problem handler tells the idempotency filter about the answer it gives. (Kept apart from the
 * filter so that code of services without a database can use it.)
 */
public final class IdempotentAnswers {

    private static final String MAY_CHANGE = IdempotentAnswers.class.getName() + ".mayChange";

    private IdempotentAnswers() {
    }

    /**
     * Marks the answer being given as one that may be different if the request is sent again (a concurrent change, a
     * record not known yet): it is not kept for the request's key, so a retry with the same key runs again.
     */
    public static void mayChange(HttpServletRequest request) {
        request.setAttribute(MAY_CHANGE, Boolean.TRUE);
    }

    /** True when the answer to this request was marked by {@link #mayChange}. */
    public static boolean isMarkedMayChange(HttpServletRequest request) {
        return request.getAttribute(MAY_CHANGE) != null;
    }
}
