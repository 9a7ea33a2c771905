package org.heard.gateway.inbox;

/** What the inbox did with a message it was given. */
public enum Receipt {
    /** Stored (committed): acknowledge it. */
    STORED,
    /** The same sender sent exactly this message before: it is stored already, acknowledge it again. */
    DUPLICATE,
    /** The same sender used the same message id for a different message: never acceptable as it is. */
    CONFLICT
}
