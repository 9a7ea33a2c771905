package org.heard.kit.web;

/**
 * Something the request needs is unavailable right now (e.g. the audit stream): answered 503 with this message, which
 * must not contain personal data.
 */
public class Unavailable extends RuntimeException {

    public Unavailable(String message) {
        super(message);
    }
}
