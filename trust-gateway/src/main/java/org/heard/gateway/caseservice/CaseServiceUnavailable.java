package org.heard.gateway.caseservice;

/** case-service could not be asked just now (down, overloaded, token not to be had): try again later. */
public class CaseServiceUnavailable extends RuntimeException {

    public CaseServiceUnavailable(String message) {
        super(message);
    }
}
