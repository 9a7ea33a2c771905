package org.heard.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.heard.contracts.testing.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Audit records written through a real broker verify as one intact chain per producer; a record changed, removed or
 * repeated on the topic breaks the chain at that point, and the verifier says where.
 */
class AuditChainTest {

    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void connect() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void disconnect() {
        producer.close(Duration.ofSeconds(5));
    }

    private static byte[] entry(int n) {
        return ("{\"action\":\"PERSONAL_DATA_READ\",\"resource\":\"person/" + n + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static List<ProducerRecord<String, byte[]>> chainOf(AuditChain chain, int records) {
        List<ProducerRecord<String, byte[]>> made = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            made.add(chain.next(entry(i), OffsetDateTime.parse("2026-12-02T01:00:00Z"), "person/" + i));
        }
        return made;
    }

    private static void write(List<ProducerRecord<String, byte[]>> records) throws Exception {
        for (ProducerRecord<String, byte[]> record : records) {
            producer.send(record).get(20, TimeUnit.SECONDS);
        }
    }

    private static AuditVerifier.Chain verified(AuditChain chain) {
        List<ConsumerRecord<String, byte[]>> all = AuditVerifier.readAll(TestKafka.bootstrapServers());
        return AuditVerifier.verify(all).chains().get(chain.producer());
    }

    @Test
    void recordsAsWrittenAreOneIntactChainPerProducer() throws Exception {
        AuditChain one = new AuditChain("case-service");
        AuditChain two = new AuditChain("case-service");
        write(chainOf(one, 5));
        write(chainOf(two, 3));
        AuditVerifier.Chain first = verified(one);
        assertThat(first.intact()).as(first.breaks().toString()).isTrue();
        assertThat(first.records()).isEqualTo(5);
        assertThat(first.lastSequence()).isEqualTo(5);
        assertThat(verified(two).records()).isEqualTo(3);
        assertThat(verified(two).intact()).isTrue();
    }

    @Test
    void aChangedRecordBreaksTheChain() throws Exception {
        AuditChain chain = new AuditChain("outcome-service");
        List<ProducerRecord<String, byte[]>> records = chainOf(chain, 4);
        ProducerRecord<String, byte[]> original = records.get(2);
        // the same headers (the chain's extensions), other data: what editing a stored record would give
        records.set(2, new ProducerRecord<>(original.topic(), null, original.key(),
                "{\"action\":\"PERSONAL_DATA_READ\",\"resource\":\"person/someone-else\"}".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(original.headers().toArray())));
        write(records);
        AuditVerifier.Chain found = verified(chain);
        assertThat(found.intact()).isFalse();
        assertThat(found.breaks()).singleElement().asString().contains("record 3 does not match its hash");
    }

    @Test
    void aRemovedRecordBreaksTheChain() throws Exception {
        AuditChain chain = new AuditChain("reporting-service");
        List<ProducerRecord<String, byte[]>> records = chainOf(chain, 4);
        records.remove(1);
        write(records);
        AuditVerifier.Chain found = verified(chain);
        assertThat(found.intact()).isFalse();
        assertThat(found.breaks()).singleElement().asString().contains("record 3 follows record 1 (records missing)");
    }

    @Test
    void aRepeatedRecordBreaksTheChain() throws Exception {
        AuditChain chain = new AuditChain("case-service");
        List<ProducerRecord<String, byte[]>> records = chainOf(chain, 3);
        records.add(records.get(1));
        write(records);
        AuditVerifier.Chain found = verified(chain);
        assertThat(found.intact()).isFalse();
        assertThat(found.breaks()).singleElement().asString().contains("repeated or reordered");
    }
}
