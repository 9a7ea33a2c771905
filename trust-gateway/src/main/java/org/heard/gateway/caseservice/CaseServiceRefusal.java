package org.heard.gateway.caseservice;

/**
 * case-service refused a command for good (a 4xx other than 401, 408 and 429): the same command will be refused
 * again. {@code rule} is the problem's {@code rule} (e.g. {@code person-erased}) or the first field it named.
 */
public class CaseServiceRefusal extends RuntimeException {

    private final int status;
    private final String rule;

    public CaseServiceRefusal(int status, String rule) {
        super("case-service refused (" + status + (rule == null ? "" : ", " + rule) + ")");
        this.status = status;
        this.rule = rule;
    }

    public int status() {
        return status;
    }

    public String rule() {
        return rule;
    }
}
