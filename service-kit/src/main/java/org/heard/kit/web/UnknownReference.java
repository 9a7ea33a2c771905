package org.heard.kit.web;

/**
 * A request names another record (a person, a case) that is not known, or not one it may name: answered 422 naming
 * the field, never its value.
 */
public class UnknownReference extends RuntimeException {

    private final String field;
    private final boolean mayResolveLater;

    /** @param message the rule broken, e.g. "must be a registered person"; never the rejected value */
    public UnknownReference(String field, String message) {
        this(field, message, false);
    }

    /**
     * @param mayResolveLater true when the reference may become known (the service learns it from another one's
     *                        events, which may lag): the answer is then not kept for an Idempotency-Key
     */
    public UnknownReference(String field, String message, boolean mayResolveLater) {
        super(message);
        this.field = field;
        this.mayResolveLater = mayResolveLater;
    }

    public String field() {
        return field;
    }

    public boolean mayResolveLater() {
        return mayResolveLater;
    }
}
