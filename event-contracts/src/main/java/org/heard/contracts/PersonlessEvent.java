package org.heard.contracts;

/**
 * A published event that is about no one person — an evaluation framework, a systemic issue. Its record key is the id
 * of what it is about ({@link #key()}); consumers keep it out of person-level views.
 */
public interface PersonlessEvent extends HeardEvent {

    /** Always null: the event is about no person. */
    @Override
    default String personId() {
        return null;
    }
}
