package org.heard.contracts.involvement;

/** How the person took part in a forum. */
public enum Participation {
    SPOKE_FOR_THEMSELVES_WITH_SUPPORT,
    ADVOCATE_SPOKE_ON_THEIR_BEHALF,
    VIEWS_PRESENTED_IN_THEIR_ABSENCE,
    NOT_INVOLVED
}
