package org.heard.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.heard.contracts.HeardEvent;
import org.heard.contracts.Topic;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.envelope.EventReader;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.testing.TestKeys;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import tools.jackson.databind.JsonNode;

/** What the gateway's component tests share: a real MLLP client, the events on Kafka, case-service over HTTP. */
public final class GatewayTestSupport {

    private GatewayTestSupport() {
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file holding a token of the integration role, as the launcher writes one for the gateway. */
    public static String tokenFile() {
        try {
            Path file = Files.createTempFile("heard-gateway-token", ".jwt");
            Files.writeString(file, TestKeys.token("integration", "trust-gateway", null));
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HAPI's MLLP client: sends ER7 (in the character set its MSH-18 names) and returns the acknowledgement. */
    public static final class Mllp implements AutoCloseable {

        private final HapiContext hapi = new DefaultHapiContext();
        private final Connection connection;

        public Mllp(int port) {
            hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
            hapi.setValidationContext(ValidationContextFactory.noValidation());
            hapi.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
            hapi.setLowerLayerProtocol(new MinLowerLayerProtocol(true));
            try {
                connection = hapi.newClient("localhost", port, false);
                connection.getInitiator().setTimeout(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot connect to the MLLP listener", e);
            }
        }

        public Ack send(String er7) {
            try {
                Message message = hapi.getPipeParser().parse(er7);
                return new Ack(connection.getInitiator().sendAndReceive(message));
            } catch (Exception e) {
                throw new IllegalStateException("MLLP exchange failed", e);
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (Exception ignored) {
                // the listener went first
            }
        }
    }

    /**
     * Sends bytes as they are, framed by HAPI's MLLP writer, and reads the answer with HAPI's MLLP reader: for
     * messages a sender's system gets wrong, which a client that parses first could not send.
     */
    public static Ack sendRaw(int port, String er7) {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            new ca.uhn.hl7v2.llp.MinLLPWriter(socket.getOutputStream(), StandardCharsets.UTF_8).writeMessage(er7);
            String answer = new ca.uhn.hl7v2.llp.MinLLPReader(socket.getInputStream(), StandardCharsets.UTF_8)
                    .getMessage();
            return new Ack(ca.uhn.hl7v2.parser.PipeParser.getInstanceWithNoValidation().parse(answer));
        } catch (Exception e) {
            throw new IllegalStateException("raw MLLP exchange failed", e);
        }
    }

    /** Everything every logger writes while it is open, as text (messages and their exceptions' messages). */
    public static final class Logs implements AutoCloseable {

        private final ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();

        public static Logs capture() {
            Logs logs = new Logs();
            logs.appender.start();
            logs.root.addAppender(logs.appender);
            return logs;
        }

        public String text() {
            StringBuilder text = new StringBuilder();
            for (ch.qos.logback.classic.spi.ILoggingEvent event : List.copyOf(appender.list)) {
                text.append(event.getFormattedMessage()).append('\n');
                for (ch.qos.logback.classic.spi.IThrowableProxy t = event.getThrowableProxy(); t != null;
                     t = t.getCause()) {
                    text.append(t.getMessage()).append('\n');
                }
            }
            return text.toString();
        }

        @Override
        public void close() {
            root.detachAppender(appender);
        }
    }

    /** An acknowledgement, read with HAPI's Terser. */
    public record Ack(Message message) {
        public String get(String path) {
            try {
                return new Terser(message).get(path);
            } catch (Exception e) {
                return null;
            }
        }

        public String code() {
            return get("/MSA-1");
        }

        public String controlId() {
            return get("/MSA-2");
        }

        /** ERR-2 as segment-field, e.g. {@code PID-3}. */
        public String errorLocation() {
            return get("/ERR-2-1") + "-" + get("/ERR-2-3");
        }

        public String errorCode() {
            return get("/ERR-3-1");
        }

        public String encoded() {
            try {
                return message.encode();
            } catch (Exception e) {
                return "";
            }
        }
    }

    /** Every event on the trust and case topics, read and validated as the contracts say. */
    public static final class Events implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer = TestKafka.consumer(Topic.TRUST, Topic.CASE);
        private final EventReader reader = EventReader.forCatalogue();
        private final List<EventReader.Accepted> seen = new CopyOnWriteArrayList<>();

        public synchronized List<EventReader.Accepted> poll() {
            TestKafka.poll(consumer, Duration.ofMillis(200)).forEach(record -> {
                if (reader.read(record) instanceof EventReader.Accepted accepted) {
                    seen.add(accepted);
                } else {
                    throw new AssertionError("a record on " + record.topic() + " is not a valid Heard event");
                }
            });
            return seen;
        }

        public <T extends HeardEvent> List<T> of(String personId, Class<T> type) {
            return poll().stream().filter(a -> type.isInstance(a.event()))
                    .filter(a -> personId.equals(a.event().personId())).map(a -> type.cast(a.event())).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** case-service over HTTP. */
    public static final class CaseService {

        private final URI base;
        private final HttpClient http = HttpClient.newHttpClient();

        public CaseService(URI base) {
            this.base = base;
        }

        public HttpResponse<String> get(String path, String token) {
            try {
                return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        public HttpResponse<String> post(String path, String token, String json) {
            try {
                return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        public JsonNode json(String path, String token) {
            HttpResponse<String> response = get(path, token);
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode());
            }
            return EventJson.mapper().readTree(response.body());
        }

        /** The person's id in case-service, by NHS number, or null. */
        public String personId(String nhsNumber) {
            HttpResponse<String> response = get("/api/persons?nhsNumber=" + nhsNumber,
                    TestKeys.token("integration"));
            return response.statusCode() == 200 ? EventJson.mapper().readTree(response.body()).get("personId").asString()
                    : null;
        }
    }
}
