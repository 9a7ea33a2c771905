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

    /**
     * The CloudEvents {@code dataschema} of this type's records: the {@code $id} of its shipped JSON Schema
     * ({@code contracts/schemas/<type>.schema.json} in this module, also referenced from the AsyncAPI document).
     * A URN rather than a URL because Heard owns no host name that would keep such a URL answering.
     */
    public java.net.URI dataSchema() {
        return java.net.URI.create(DATA_SCHEMA_PREFIX + type);
    }

    /** What every {@link #dataSchema()} starts with; the rest is the CloudEvents type. */
    public static final String DATA_SCHEMA_PREFIX = "urn:heard:schema:";
}
