package org.heard.contracts;

/**
 * The typed catalogue of Heard's Kafka topics. Every topic is keyed by the person's pseudonymous id (a string) and
 * carries CloudEvents in binary mode: the attributes in headers, the event's JSON in the value. All event topics must
 * have the same partition count so that one person's events share a partition number everywhere (co-partitioning).
 */
public enum Topic {

    /** Referrals, eligibility, lifecycle and consent of advocacy cases. */
    CASE("heard.case.v1"),
    /** Involvement of the person in forums where decisions about them are made. */
    INVOLVEMENT("heard.involvement.v1"),
    /** Outcomes, assessments, goals and wider impact. */
    OUTCOME("heard.outcome.v1"),
    /**
     * What NHS trusts' record systems told Heard through the trust gateway: legal status episodes, qualifying
     * episodes (the denominator of uptake), automatic IMHA referrals with their first-contact clock, opt-outs and
     * merges of people.
     */
    TRUST("heard.trust.v1"),
    /**
     * Records a consumer could not read or apply, parked with the reason in headers ({@code heard.dlt.*}).
     * Not an event topic: its values are the original record bytes.
     */
    DEAD_LETTER("heard.deadletter.v1"),
    /**
     * The audit stream: every read of personal data and every failed authorisation, as JSON records keyed by the
     * service, with no personal data in them. Append-only; kept apart from application logs; read by operations.
     */
    AUDIT("heard.audit.v1");

    private final String topicName;

    Topic(String topicName) {
        this.topicName = topicName;
    }

    /** The Kafka topic name. */
    public String topicName() {
        return topicName;
    }

    /** The topics that carry Heard's events (not the dead-letter or audit topics). */
    public static java.util.List<Topic> eventTopics() {
        return java.util.List.of(CASE, INVOLVEMENT, OUTCOME, TRUST);
    }

    /** The topic with this Kafka name. */
    public static Topic byName(String topicName) {
        for (Topic topic : values()) {
            if (topic.topicName.equals(topicName)) {
                return topic;
            }
        }
        throw new IllegalArgumentException("not a Heard topic: " + topicName);
    }
}
