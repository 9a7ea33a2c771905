package org.heard.reporting.cohort;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The one rule of consent to evaluation, by the business dates the consent events carry. Withdrawing on a date opens a
 * window and giving consent again on a later date closes it: data dated inside a window (on or after the withdrawal,
 * before consent was given again) stays out of the cohort figures and referral counts; data dated before the
 * withdrawal, or on or after consent was given again, stays in. While a window is open the person is also left out of
 * person-level analyst rows. Casework views (the person's own timeline and trajectories) do not apply this rule.
 *
 * @param windows the periods without consent, in order; {@code until} is null while consent is still withdrawn
 */
public record EvaluationConsent(List<Window> windows) {

    /** A period without consent to evaluation: from {@code since} (inclusive) until {@code until} (exclusive). */
    public record Window(LocalDate since, LocalDate until) {

        boolean covers(LocalDate date) {
            return !date.isBefore(since) && (until == null || date.isBefore(until));
        }
    }

    public static final EvaluationConsent GIVEN = new EvaluationConsent(List.of());

    public EvaluationConsent {
        windows = List.copyOf(windows);
    }

    /** The windows made by a person's consent facts, taken in event order. */
    public static EvaluationConsent of(List<PersonFacts.Consent> inOrder) {
        List<Window> windows = new ArrayList<>();
        LocalDate since = null;
        for (PersonFacts.Consent consent : inOrder) {
            if (consent.withdrawn() && since == null) {
                since = consent.on();
            } else if (!consent.withdrawn() && since != null) {
                if (consent.on().isAfter(since)) {
                    windows.add(new Window(since, consent.on()));
                }
                since = null;
            }
        }
        if (since != null) {
            windows.add(new Window(since, null));
        }
        return windows.isEmpty() ? GIVEN : new EvaluationConsent(windows);
    }

    /** True when data dated on this day is left out of analyst outputs (a date not known is never left out). */
    public boolean excludes(LocalDate date) {
        if (date == null) {
            return false;
        }
        for (Window window : windows) {
            if (window.covers(date)) {
                return true;
            }
        }
        return false;
    }

    /** True while consent is withdrawn and not given again: the person is not among person-level rows. */
    public boolean withdrawnNow() {
        return !windows.isEmpty() && windows.get(windows.size() - 1).until() == null;
    }
}
