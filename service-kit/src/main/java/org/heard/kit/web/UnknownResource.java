package org.heard.kit.web;

/** The request named a record that does not exist. Answered with 404. The message must not contain personal data. */
public class UnknownResource extends RuntimeException {

    public UnknownResource(String message) {
        super(message);
    }
}
