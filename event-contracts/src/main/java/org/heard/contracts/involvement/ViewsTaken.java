package org.heard.contracts.involvement;

/** Whether the person's views were taken into account in a forum's decisions. */
public enum ViewsTaken {
    YES,
    PARTLY,
    NO,
    UNKNOWN
}
