package org.heard.reporting.ingest;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.heard.contracts.Topic;

/**
 * Parks records that cannot be read or applied on {@code heard.deadletter.v1}: original key, value and headers, plus
 * {@code heard.dlt.reason}, {@code heard.dlt.topic}, {@code heard.dlt.partition}, {@code heard.dlt.offset} and
 * {@code heard.dlt.consumer}. The reason names what is wrong, never the content.
 */
public class DeadLetters {

    private final Producer<String, byte[]> producer;
    private final String consumer;

    public DeadLetters(Producer<String, byte[]> producer, String consumer) {
        this.producer = producer;
        this.consumer = consumer;
    }

    /** The count of records parked from one topic. */
    public static io.micrometer.core.instrument.Counter counter(io.micrometer.core.instrument.MeterRegistry meters,
                                                               String topic) {
        return io.micrometer.core.instrument.Counter.builder("heard.reporting.deadlettered")
                .description("Records parked on the dead-letter topic, by the topic they came from")
                .tags("topic", topic).register(meters);
    }

    /** Parks the record and returns once the broker has acknowledged it. */
    public void park(ConsumerRecord<String, byte[]> record, String reason) throws ExecutionException, InterruptedException {
        ProducerRecord<String, byte[]> parked = new ProducerRecord<>(Topic.DEAD_LETTER.topicName(), record.key(),
                record.value());
        for (Header header : record.headers()) {
            parked.headers().add(header);
        }
        parked.headers().add("heard.dlt.reason", reason.getBytes(StandardCharsets.UTF_8));
        parked.headers().add("heard.dlt.topic", record.topic().getBytes(StandardCharsets.UTF_8));
        parked.headers().add("heard.dlt.partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        parked.headers().add("heard.dlt.offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        parked.headers().add("heard.dlt.consumer", consumer.getBytes(StandardCharsets.UTF_8));
        producer.send(parked).get();
    }
}
