package org.heard.kit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from embedded binaries, started once per test JVM. Each caller gets a database of its own,
 * so test classes never see each other's events or tokens.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static org.testcontainers.postgresql.PostgreSQLContainer container;

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }

    /** Creates a fresh database and returns its JDBC URL (user and password: postgres). */
    public static String newDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        if (org.heard.contracts.testing.DockerIt.enabled()) {
            return containerDatabase(name);
        }
        EmbeddedPostgres pg = server();
        try (Connection connection = pg.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name;
    }

    private static synchronized String containerDatabase(String name) {
        if (container == null) {
            container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:17")
                    .withUsername("postgres").withPassword("postgres");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        }
        try (Connection connection = java.sql.DriverManager.getConnection(container.getJdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + name;
    }
}
