package org.heard.kit.web;

/**
 * A rule of the domain was broken by a command (for example closing a case that is already closed). Answered with
 * 409 Conflict. The message is shown to the caller, so it must never contain personal data.
 */
public class RuleViolation extends RuntimeException {

    private final String rule;

    /**
     * @param rule    a stable, machine-readable name of the rule, e.g. {@code case-already-closed}
     * @param message what was refused and why, for people
     */
    public RuleViolation(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
