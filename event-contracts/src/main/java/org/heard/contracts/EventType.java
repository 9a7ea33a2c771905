package org.heard.contracts;

/**
 * One published event type: its CloudEvents {@code type} (which carries the version), the Java record that holds its
 * data, and the topic it is published on.
 *
 * @param type     CloudEvents type, e.g. {@code org.heard.case.ReferralReceived.v1}
 * @param dataType the record serialised as the event's JSON data
 * @param topic    the topic the event is published on
 */
public record EventType<T extends HeardEvent>(String type, Class<T> dataType, Topic topic) {

    /** False for events about no one person (frameworks, systemic issues): they stay out of person-level views. */
    public boolean aboutAPerson() {
        return !PersonlessEvent.class.isAssignableFrom(dataType);
    }

    /** The file name (without directory) of this type's JSON Schema and golden sample. */
    public String schemaFile() {
        return type + ".schema.json";
    }

    public String sampleFile() {
        return type + ".json";
    }
}
