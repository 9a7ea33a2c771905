package org.heard.reporting.ingest;

import java.net.InetSocketAddress;

import org.heard.contracts.testing.DockerIt;
import org.testcontainers.mongodb.MongoDBContainer;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** mongo-java-server in the test JVM; under {@code -Pdocker-it} a real MongoDB container. */
public final class TestMongo implements AutoCloseable {

    private MongoServer server;
    private MongoDBContainer container;
    private final String uri;

    public TestMongo() {
        if (DockerIt.enabled()) {
            container = new MongoDBContainer("mongo:8.0");
            container.start();
            uri = container.getConnectionString();
        } else {
            server = new MongoServer(new MemoryBackend());
            InetSocketAddress address = server.bind();
            uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        }
    }

    public String uri() {
        return uri;
    }

    /** The server's port (for a proxy in front of it). */
    int port() {
        return Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1).replaceAll("[^0-9].*$", ""));
    }

    String host() {
        String hostAndPort = uri.substring("mongodb://".length());
        return hostAndPort.substring(0, hostAndPort.lastIndexOf(':'));
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdownNow();
        }
        if (container != null) {
            container.stop();
        }
    }
}
