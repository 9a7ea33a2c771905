package org.heard.kit.web;

/** Bad input found outside Bean Validation (a query parameter, a rule of format): 400 naming the field. */
public class InvalidInput extends RuntimeException {

    private final String field;

    /** @param message the rule broken; never the rejected value */
    public InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
