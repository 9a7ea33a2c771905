package org.heard.contracts.cases;

/** How an issue ended, as the person and advocate judged it. */
public enum IssueResolution {
    ACHIEVED,
    PARTLY_ACHIEVED,
    NOT_ACHIEVED,
    WITHDRAWN
}
