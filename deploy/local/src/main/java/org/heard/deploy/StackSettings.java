package org.heard.deploy;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the local stack starts and where, read from the environment. Setting a connection variable
 * ({@code HEARD_KAFKA_BOOTSTRAP_SERVERS}, {@code HEARD_CASE_DB_URL} with {@code HEARD_OUTCOME_DB_URL} and
 * {@code HEARD_GATEWAY_DB_URL}, {@code HEARD_MONGO_URI}) means that part is provided elsewhere and its embedded
 * stand-in is not started.
 */
public record StackSettings(
        Path repo,
        Path home,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        int mongoPort,
        int casePort,
        int outcomePort,
        int reportingPort,
        int gatewayPort,
        int mllpPort,
        String externalKafka,
        String externalCaseDb,
        String externalOutcomeDb,
        String externalGatewayDb,
        String externalMongo,
        String serviceJavaOptions,
        Map<String, String> postgresConfig,
        Map<String, String> kafkaConfig) {

    public static StackSettings fromEnvironment(Path repo, Map<String, String> env) {
        return new StackSettings(
                repo,
                Path.of(env.getOrDefault("HEARD_HOME", repo.resolve(".heard").toString())).toAbsolutePath(),
                port(env, "HEARD_KAFKA_PORT", 9092),
                port(env, "HEARD_KAFKA_CONTROLLER_PORT", 9093),
                port(env, "HEARD_POSTGRES_PORT", 5433),
                port(env, "HEARD_MONGO_PORT", 27018),
                port(env, "HEARD_CASE_PORT", 8081),
                port(env, "HEARD_OUTCOME_PORT", 8082),
                port(env, "HEARD_REPORTING_PORT", 8083),
                port(env, "HEARD_GATEWAY_PORT", 8084),
                port(env, "HEARD_MLLP_PORT", 2575),
                env.get("HEARD_KAFKA_BOOTSTRAP_SERVERS"),
                env.get("HEARD_CASE_DB_URL"),
                env.get("HEARD_OUTCOME_DB_URL"),
                env.get("HEARD_GATEWAY_DB_URL"),
                env.get("HEARD_MONGO_URI"),
                env.getOrDefault("HEARD_JAVA_OPTS", DEFAULT_JAVA_OPTS),
                settings(env, "HEARD_POSTGRES_CONFIG"),
                settings(env, "HEARD_KAFKA_CONFIG"));
    }

    /**
     * JVM options of the services when {@code HEARD_JAVA_OPTS} is not set. C1 alone ({@code -XX:TieredStopAtLevel=1})
     * was measured too (README, "Benchmark"): it starts the stack faster and takes more closed-loop commands on 2 cores,
     * but could not keep up with 500 commands/s open loop, which the default JIT does; a deployment sets its own.
     */
    static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx512m -XX:+UseSerialGC";

    /** {@code name=value} pairs separated by spaces, e.g. {@code shared_buffers=256MB work_mem=8MB}. */
    private static Map<String, String> settings(Map<String, String> env, String name) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        String value = env.getOrDefault(name, "").trim();
        if (value.isEmpty()) {
            return settings;
        }
        for (String pair : value.split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq < 1 || eq == pair.length() - 1) {
                throw new IllegalArgumentException(name + " must be name=value pairs separated by spaces, not '"
                        + pair + "'");
            }
            settings.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return settings;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }

    public boolean embeddedKafka() {
        return externalKafka == null || externalKafka.isBlank();
    }

    /** Embedded PostgreSQL runs unless every service's database is given: case, outcome and the gateway's. */
    public boolean embeddedPostgres() {
        return externalCaseDb == null || externalOutcomeDb == null || externalGatewayDb == null;
    }

    public boolean embeddedMongo() {
        return externalMongo == null || externalMongo.isBlank();
    }

    public String kafkaBootstrap() {
        return embeddedKafka() ? "127.0.0.1:" + kafkaPort : externalKafka;
    }

    public String caseDbUrl() {
        return externalCaseDb != null ? externalCaseDb : embeddedDb("heard_case");
    }

    public String outcomeDbUrl() {
        return externalOutcomeDb != null ? externalOutcomeDb : embeddedDb("heard_outcome");
    }

    public String gatewayDbUrl() {
        return externalGatewayDb != null ? externalGatewayDb : embeddedDb("heard_gateway");
    }

    /** A database of the embedded PostgreSQL (each service's own URL, when given, is used instead). */
    private String embeddedDb(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    public String mongoUri() {
        return embeddedMongo() ? "mongodb://127.0.0.1:" + mongoPort : externalMongo;
    }
}
