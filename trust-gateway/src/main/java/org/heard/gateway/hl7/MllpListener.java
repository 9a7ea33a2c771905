package org.heard.gateway.hl7;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.heard.gateway.GatewayProperties;
import org.heard.gateway.fhir.UkCore;
import org.heard.gateway.inbox.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.StandardSocketFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The HL7 v2 listener: HAPI's MLLP server on {@code heard.gateway.mllp.port}, reading each message in the character
 * set its MSH-18 names and parsing every version into v2.5 structures. Over TLS (configuration) the socket comes
 * from a Spring Boot SSL bundle and, with client authentication, senders must present a trusted certificate.
 */
public class MllpListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MllpListener.class);

    private final GatewayProperties properties;
    private final HapiContext hapi;
    private final AdtReceiver receiver;
    private final Map<String, String> peerSubjects = new ConcurrentHashMap<>();
    private HL7Service server;

    public MllpListener(GatewayProperties properties, UkCore ukCore, Inbox inbox, MeterRegistry meters,
                        SslBundles sslBundles) {
        this.properties = properties;
        this.hapi = new DefaultHapiContext();
        hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
        hapi.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
        hapi.setLowerLayerProtocol(new MinLowerLayerProtocol(true));
        GatewayProperties.Tls tls = properties.mllp().tls();
        if (tls.enabled()) {
            hapi.setSocketFactory(new BundleSocketFactory(sslBundles.getBundle(tls.bundle()), tls.needClientAuth(),
                    peerSubjects));
        }
        this.receiver = new AdtReceiver(properties, ukCore, inbox, meters,
                tls.enabled() ? peerSubjects::get : null);
    }

    @Override
    public void start() {
        server = hapi.newServer(properties.mllp().port(), properties.mllp().tls().enabled());
        server.registerApplication("*", "*", receiver);
        server.setExceptionHandler((incoming, metadata, outgoing, e) -> {
            log.info("ADT message could not be read as HL7 v2 (AE): {} {}", e.getClass().getSimpleName(),
                    whereOf(e));
            return withoutContent(outgoing);
        });
        try {
            server.startAndWait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the MLLP listener", e);
        }
        log.info("MLLP listener on port {}{}", properties.mllp().port(), properties.mllp().tls().enabled()
                ? " (TLS)" : "");
    }

    /** Where HAPI found the fault (segment and field), never what was there. */
    static String whereOf(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ca.uhn.hl7v2.HL7Exception hl7 && hl7.getLocation() != null
                    && hl7.getLocation().getSegmentName() != null) {
                ca.uhn.hl7v2.Location at = hl7.getLocation();
                return at.getField() > 0 ? at.getSegmentName() + "-" + at.getField() : at.getSegmentName();
            }
        }
        return "";
    }

    /**
     * HAPI answers a message it cannot parse (or read as a supported structure) with AE; its texts may quote what it
     * could not read, so they are replaced by one that names no content.
     */
    static String withoutContent(String outgoing) {
        try {
            PipeParser parser = PipeParser.getInstanceWithNoValidation();
            Message ack = parser.parse(outgoing);
            Terser terser = new Terser(ack);
            terser.set("/MSA-3", "");
            terser.set("/ERR-3-9", "the message could not be read as HL7 v2 ADT");
            terser.set("/ERR-3-2", "");
            return parser.encode(ack);
        } catch (Exception e) {
            return outgoing;
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stopAndWait();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null && server.isRunning();
    }

    /** After the database and before nothing: it stops first, so no message is taken that cannot be stored. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** TLS sockets from a Spring Boot SSL bundle; remembers each connection's client certificate subject. */
    static final class BundleSocketFactory extends StandardSocketFactory {

        private final SslBundle bundle;
        private final boolean needClientAuth;
        private final Map<String, String> subjects;

        BundleSocketFactory(SslBundle bundle, boolean needClientAuth, Map<String, String> subjects) {
            this.bundle = bundle;
            this.needClientAuth = needClientAuth;
            this.subjects = subjects;
        }

        @Override
        public ServerSocket createTlsServerSocket() throws IOException {
            SSLServerSocket socket = (SSLServerSocket) bundle.createSslContext().getServerSocketFactory()
                    .createServerSocket();
            socket.setNeedClientAuth(needClientAuth);
            return socket;
        }

        @Override
        public Socket createTlsSocket() throws IOException {
            return bundle.createSslContext().getSocketFactory().createSocket();
        }

        @Override
        public void configureNewAcceptedSocket(Socket socket) throws SocketException {
            super.configureNewAcceptedSocket(socket);
            if (socket instanceof SSLSocket tls) {
                try {
                    tls.startHandshake();
                    subjects.put(socket.getInetAddress().getHostAddress() + ":" + socket.getPort(),
                            tls.getSession().getPeerPrincipal().getName());
                } catch (IOException e) {
                    throw new SocketException("TLS handshake failed: " + e.getClass().getSimpleName());
                }
            }
        }
    }
}
