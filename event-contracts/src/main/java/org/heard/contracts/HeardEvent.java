package org.heard.contracts;

/**
 * A fact Heard publishes. Every published event concerns one person, named by their pseudonymous id: that id is the
 * Kafka record key, so all of one person's events land on the same partition number in every topic.
 */
public interface HeardEvent {

    /**
     * The person's pseudonymous id (a random UUID; never an NHS number or a name), or null for a
     * {@link PersonlessEvent}.
     */
    String personId();

    /** The Kafka record key: the person's id, or for a personless event the id of what it is about. */
    default String key() {
        return personId();
    }
}
