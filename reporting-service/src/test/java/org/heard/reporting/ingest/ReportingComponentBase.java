package org.heard.reporting.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.heard.contracts.EventCatalogue;
import org.heard.contracts.HeardEvent;
import org.heard.contracts.envelope.EnvelopeCodec;
import org.heard.contracts.envelope.EventEnvelope;
import org.heard.contracts.testing.DockerIt;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.testing.TestKeys;
import org.heard.reporting.projection.LiveProjections;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one reporting-service the module's component test classes share: one Spring context (the same configuration
 * in every subclass, so the test framework's cache starts it once), on the JVM's in-process broker and one
 * mongo-java-server, read over real HTTP. Every class sees every other class's records on the broker: a test counts
 * only what it can tell apart (its own month, organisation, provider or ids).
 */
@ExtendWith(DockerIt.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ReportingComponentBase {

    static final String GROUP_ID = "reporting-test-" + UUID.randomUUID();
    static TestMongo mongo;
    static TcpProxy mongoLink;
    private static KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        mongo = new TestMongo();
        // reporting-service reaches MongoDB through a relay the outage test can cut
        mongoLink = new TcpProxy(mongo.host(), mongo.port());
        // the context stays cached after a class ends: its store lives as long as it does, to the end of the JVM
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                mongoLink.close();
            } catch (Exception e) {
                // the JVM is ending
            }
            mongo.close();
        }));
        registry.add("heard.mongo.uri", () -> "mongodb://127.0.0.1:" + mongoLink.port()
                + "/?serverSelectionTimeoutMS=2000&connectTimeoutMS=1000");
        registry.add("heard.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("heard.kafka.group-id", () -> GROUP_ID);
        registry.add("heard.kafka.stall-after", () -> "3s");
        TestKeys.register(registry);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected LiveProjections projections;

    protected final HttpClient http = HttpClient.newHttpClient();

    protected HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> getCsv(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                .header("Accept", "text/csv").header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A record as the service that logs the aggregate would publish it, on its event type's topic. */
    protected static ProducerRecord<String, byte[]> record(HeardEvent event, String aggregateType, String aggregateId,
                                                           long sequence, String time) {
        EventEnvelope envelope = EventEnvelope.wrap(event, UUID.randomUUID().toString(),
                URI.create("/heard/case-service"), aggregateType, aggregateId, sequence, OffsetDateTime.parse(time), "c");
        return EnvelopeCodec.toRecord(EventCatalogue.byType(envelope.type()).orElseThrow().topic(), envelope);
    }

    /** Sends and waits for the broker's acknowledgement (all replicas). */
    protected static void send(ProducerRecord<String, byte[]> record) throws Exception {
        producer().send(record).get();
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        }
        return producer;
    }
}
