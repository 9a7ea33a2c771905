package org.heard.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.heard.cases.CaseServiceApplication;
import org.heard.kit.testing.TestKeys;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real case-service, started in the test JVM with its own configuration (read from its own artifact, since the
 * gateway's application.properties comes first on this classpath), its own PostgreSQL database and the shared
 * broker — the service the gateway's commands go to.
 */
public final class CaseServiceInProcess {

    private static ConfigurableApplicationContext context;

    private CaseServiceInProcess() {
    }

    /** The base URL of case-service; started on first use. */
    public static synchronized URI start(String databaseUrl, String bootstrapServers) {
        if (context == null) {
            Map<String, Object> defaults = new HashMap<>();
            ownProperties().forEach((k, v) -> defaults.put((String) k, v));
            Map<String, Object> keys = new HashMap<>();
            TestKeys.register((name, value) -> keys.put(name, value.get()));
            List<String> args = new ArrayList<>();
            args.add("--spring.config.name=case-service-in-test");
            args.add("--server.port=0");
            args.add("--spring.datasource.url=" + databaseUrl);
            args.add("--heard.kafka.bootstrap-servers=" + bootstrapServers);
            keys.forEach((k, v) -> args.add("--" + k + "=" + v));
            context = new SpringApplicationBuilder(CaseServiceApplication.class).properties(defaults)
                    .run(args.toArray(String[]::new));
            Runtime.getRuntime().addShutdownHook(new Thread(context::close));
        }
        return URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }

    private static Properties ownProperties() {
        try {
            URL location = CaseServiceApplication.class.getProtectionDomain().getCodeSource().getLocation();
            URL file = location.getPath().endsWith(".jar")
                    ? URI.create("jar:" + location + "!/application.properties").toURL()
                    : new URL(location, "application.properties");
            Properties properties = new Properties();
            try (InputStream in = file.openStream()) {
                properties.load(in);
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read case-service's application.properties", e);
        }
    }
}
