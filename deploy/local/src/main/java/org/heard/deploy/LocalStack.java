package org.heard.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.heard.contracts.kafka.TopicProvisioner;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Heard on one machine: real PostgreSQL (embedded binaries), mongo-java-server on an H2 file, a real Kafka broker in
 * its own JVM, and the three services and the trust gateway as separate processes, all keeping their data under one
 * home folder.
 *
 * <p>PostgreSQL commits durably ({@link #POSTGRES_DURABILITY}); the broker and the services are supervised (restarted
 * with backoff when they exit on their own); {@link #close} stops the trust gateway (the door through which trusts
 * send), then the other services, then Kafka, then MongoDB, then PostgreSQL; what a killed launcher leaves running is stopped by its {@link Watchdog} or by the next start
 * ({@link RunDirectory}).
 */
public final class LocalStack implements AutoCloseable {

    /**
     * PostgreSQL settings that make an acknowledged commit survive a crash of the machine. The embedded binaries'
     * library starts PostgreSQL with {@code -F} (fsync off) and {@code synchronous_commit=off}, which lose the last
     * commits on a power loss, and with {@code synchronous_commit=off} even when only PostgreSQL's processes are
     * killed (WAL not yet written is in their shared memory). Given after {@code -F}, these win.
     */
    public static final Map<String, String> POSTGRES_DURABILITY = Map.of(
            "fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

    private final StackSettings settings;
    private final Supervisor supervisor = new Supervisor();
    private final Object lifecycle = new Object();
    private volatile boolean closing;
    private RunDirectory run;
    private Watchdog watchdog;
    private EmbeddedPostgres postgres;
    private H2Backend mongoBackend;
    private MongoServer mongo;
    private KafkaBroker kafka;
    private final List<ServiceProcess> services = new ArrayList<>();
    private Map<String, String> common = Map.of();
    /** Renews the trust gateway's token file; null until the services are prepared. */
    private java.util.concurrent.ScheduledExecutorService tokenRenewal;

    /** The file holding the trust gateway's token for case-service ({@code <home>/keys/gateway.token}). */
    static final String GATEWAY_TOKEN = "gateway.token";
    /** The subject of the trust gateway's token: case-service audits its calls under this name. */
    static final String GATEWAY_SUBJECT = "trust-gateway";
    /** The gateway's token is valid this long and renewed every {@link #GATEWAY_TOKEN_RENEWAL}. */
    static final Duration GATEWAY_TOKEN_LIFETIME = Duration.ofHours(12);
    static final Duration GATEWAY_TOKEN_RENEWAL = Duration.ofHours(1);

    public LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public StackSettings settings() {
        return settings;
    }

    /** Thrown when a port the stack needs is taken; its message says which and how to choose another. */
    public static final class PortInUse extends RuntimeException {
        PortInUse(String message) {
            super(message);
        }
    }

    /**
     * Starts everything. Leftovers of a killed launcher of the same home are stopped first.
     *
     * @throws PortInUse when a port is taken, or a stack is already running from this home
     */
    public void start() throws Exception {
        step(() -> {
            Files.createDirectories(settings.home());
            try {
                run = RunDirectory.claim(settings.home());
            } catch (RunDirectory.Held e) {
                throw new PortInUse(e.getMessage());
            }
            checkPortsFree();
            watchdog = Watchdog.start(run, settings.home(), settings.repo());
        });
        if (settings.embeddedPostgres()) {
            step(this::startPostgres);
        }
        if (settings.embeddedMongo()) {
            step(this::startMongo);
        }
        if (settings.embeddedKafka()) {
            startKafka();
        }
        startServices();
    }

    /**
     * One step of the start that creates something {@link #close} must stop: a stop that comes in the middle of the
     * start (Ctrl-C while starting) waits for the step and then stops what it made, and no step begins after it.
     */
    private void step(Step step) throws Exception {
        synchronized (lifecycle) {
            if (closing) {
                throw new IllegalStateException("the stack was stopped while starting");
            }
            step.run();
        }
    }

    private void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (settings.embeddedKafka()) {
            ports.put("Kafka (HEARD_KAFKA_PORT)", settings.kafkaPort());
            ports.put("Kafka controller (HEARD_KAFKA_CONTROLLER_PORT)", settings.kafkaControllerPort());
        }
        if (settings.embeddedPostgres()) {
            ports.put("PostgreSQL (HEARD_POSTGRES_PORT)", settings.postgresPort());
        }
        if (settings.embeddedMongo()) {
            ports.put("MongoDB (HEARD_MONGO_PORT)", settings.mongoPort());
        }
        ports.put("case-service (HEARD_CASE_PORT)", settings.casePort());
        ports.put("outcome-service (HEARD_OUTCOME_PORT)", settings.outcomePort());
        ports.put("reporting-service (HEARD_REPORTING_PORT)", settings.reportingPort());
        ports.put("trust-gateway (HEARD_GATEWAY_PORT)", settings.gatewayPort());
        ports.put("trust-gateway MLLP (HEARD_MLLP_PORT)", settings.mllpPort());
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(port.getValue()));
            } catch (IOException e) {
                String name = port.getKey();
                throw new PortInUse("Port " + port.getValue() + " for " + name.substring(0, name.indexOf(" ("))
                        + " is already in use. Stop whatever uses it (perhaps a stack already running: see "
                        + settings.home() + "), or choose another port with "
                        + name.substring(name.indexOf('(') + 1, name.length() - 1) + ".");
            }
        }
    }

    private void startPostgres() throws IOException, SQLException {
        PrefixedOutput.say("starting PostgreSQL on port " + settings.postgresPort());
        Path dir = settings.home().resolve("postgres");
        Files.createDirectories(dir);
        run.clearStalePostmasterPid();
        Path log = settings.home().resolve("logs/postgres.log");
        Files.createDirectories(log.getParent());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(settings.postgresPort())
                .setPGStartupWait(Duration.ofSeconds(60))
                // PostgreSQL's own log, which the library would only pass to a logger at INFO
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                // the launcher stops PostgreSQL after the services, not the library's own hook at SIGTERM
                .setRegisterShutdownHook(false);
        POSTGRES_DURABILITY.forEach(builder::setServerConfig);
        Map<String, String> overrides = settings.postgresConfig();
        overrides.forEach(builder::setServerConfig);
        for (Map.Entry<String, String> durable : POSTGRES_DURABILITY.entrySet()) {
            String value = overrides.get(durable.getKey());
            if (value != null && !value.equals(durable.getValue())) {
                PrefixedOutput.say("WARNING: PostgreSQL " + durable.getKey() + "=" + value
                        + " (HEARD_POSTGRES_CONFIG): acknowledged commands can be lost in a crash");
            }
        }
        postgres = builder.start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String database : List.of("heard_case", "heard_outcome", "heard_keys", "heard_gateway")) {
                try (PreparedStatement exists = connection.prepareStatement(
                        "select 1 from pg_database where datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet rows = exists.executeQuery()) {
                        if (!rows.next()) {
                            try (Statement create = connection.createStatement()) {
                                create.execute("create database " + database);
                            }
                        }
                    }
                }
            }
        }
    }

    private void startMongo() throws IOException {
        PrefixedOutput.say("starting mongo-java-server (H2 file) on port " + settings.mongoPort());
        Path dir = settings.home().resolve("mongo");
        Files.createDirectories(dir);
        mongoBackend = new H2Backend(dir.resolve("heard.mv").toString());
        // Projections written are on disk within 100 ms; they can be rebuilt from Kafka in any case.
        mongoBackend.getMvStore().setAutoCommitDelay(100);
        mongo = new MongoServer(mongoBackend);
        mongo.bind("127.0.0.1", settings.mongoPort());
    }

    /** Starts (or restarts) the embedded broker, supervised, and makes sure Heard's topics exist. */
    public void startKafka() throws Exception {
        PrefixedOutput.say("starting Kafka (KRaft) on port " + settings.kafkaPort());
        KafkaBroker broker = new KafkaBroker(settings, run);
        step(() -> kafka = broker);
        supervisor.start(broker);
        TopicProvisioner.ensureTopics(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap()),
                3, (short) 1, 30_000);
    }

    /** Stops the embedded broker, as an outage would, and does not restart it; the services keep running. */
    public void stopKafka() throws InterruptedException {
        if (kafka != null) {
            PrefixedOutput.say("stopping Kafka");
            supervisor.stop(kafka);
        }
    }

    private void startServices() throws Exception {
        step(this::prepareServices);
        for (ServiceProcess service : services) {
            PrefixedOutput.say("starting " + service.name() + " on port " + service.port());
        }
        supervisor.start(services);
    }

    private void prepareServices() throws IOException, java.security.GeneralSecurityException {
        Path repo = settings.repo();
        String version = Launcher.version();
        Map<String, String> common = new LinkedHashMap<>();
        common.put("HEARD_KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrap());
        common.put("HEARD_POSTGRES_USER", System.getenv().getOrDefault("HEARD_POSTGRES_USER", "postgres"));
        common.put("HEARD_POSTGRES_PASSWORD", System.getenv().getOrDefault("HEARD_POSTGRES_PASSWORD", "postgres"));
        // One key store for every service that seals, so that an erasure destroys the key everywhere.
        common.put("HEARD_KEY_STORE_URL", System.getenv().getOrDefault("HEARD_KEY_STORE_URL",
                settings.embeddedPostgres() ? "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/heard_keys"
                        : ""));
        // The local keys and token issuer, unless the environment names real ones.
        new LocalKeys(settings.home()).ensure().environment()
                .forEach((name, value) -> common.put(name, System.getenv().getOrDefault(name, value)));
        services.add(service("case", repo.resolve("case-service/target/case-service-" + version + "-exec.jar"),
                settings.casePort(), common, Map.of("HEARD_CASE_PORT", Integer.toString(settings.casePort()),
                        "HEARD_CASE_DB_URL", settings.caseDbUrl())));
        services.add(service("outcome", repo.resolve("outcome-service/target/outcome-service-" + version + "-exec.jar"),
                settings.outcomePort(), common, Map.of("HEARD_OUTCOME_PORT", Integer.toString(settings.outcomePort()),
                        "HEARD_OUTCOME_DB_URL", settings.outcomeDbUrl())));
        services.add(reportingService(common, Map.of()));
        services.add(gatewayService(common));
    }

    /**
     * The trust gateway: its HTTP port (FHIR, opt-outs) and MLLP port, its own database on the same PostgreSQL, and
     * case-service reached as the {@code integration} role with a token the launcher writes and renews
     * ({@code <home>/keys/gateway.token}), since services cannot mint tokens.
     */
    private ServiceProcess gatewayService(Map<String, String> common) throws IOException,
            java.security.GeneralSecurityException {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("HEARD_GATEWAY_PORT", Integer.toString(settings.gatewayPort()));
        own.put("HEARD_MLLP_PORT", Integer.toString(settings.mllpPort()));
        own.put("HEARD_GATEWAY_DB_URL", settings.gatewayDbUrl());
        own.put("HEARD_CASE_URL", "http://127.0.0.1:" + settings.casePort());
        String tokenFile = System.getenv("HEARD_GATEWAY_TOKEN_FILE");
        if (tokenFile == null || tokenFile.isBlank()) {
            tokenFile = renewGatewayToken().toString();
            tokenRenewal = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "heard-gateway-token");
                thread.setDaemon(true);
                return thread;
            });
            tokenRenewal.scheduleAtFixedRate(() -> {
                try {
                    renewGatewayToken();
                } catch (IOException | java.security.GeneralSecurityException e) {
                    PrefixedOutput.say("WARNING: could not renew the trust gateway's token: " + e.getMessage());
                }
            }, GATEWAY_TOKEN_RENEWAL.toMinutes(), GATEWAY_TOKEN_RENEWAL.toMinutes(),
                    java.util.concurrent.TimeUnit.MINUTES);
        }
        own.put("HEARD_GATEWAY_TOKEN_FILE", tokenFile);
        return new ServiceProcess("gateway", "trust-gateway", settings.repo().resolve(
                "trust-gateway/target/trust-gateway-" + Launcher.version() + "-exec.jar"), settings.gatewayPort(),
                settings.mllpPort(), merged(common, own), settings.serviceJavaOptions(),
                settings.home().resolve("logs/gateway.log"), run);
    }

    private Path renewGatewayToken() throws IOException, java.security.GeneralSecurityException {
        return new LocalKeys(settings.home()).writeToken(GATEWAY_TOKEN, "integration", GATEWAY_SUBJECT,
                GATEWAY_TOKEN_LIFETIME);
    }

    private static Map<String, String> merged(Map<String, String> common, Map<String, String> own) {
        Map<String, String> environment = new LinkedHashMap<>(common);
        environment.putAll(own);
        return environment;
    }

    private ServiceProcess reportingService(Map<String, String> common, Map<String, String> overrides) {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("HEARD_REPORTING_PORT", Integer.toString(settings.reportingPort()));
        own.put("HEARD_MONGO_URI", settings.mongoUri());
        // the stream-status page shows the write services' outboxes
        own.put("HEARD_CASE_URL", caseUrl());
        own.put("HEARD_OUTCOME_URL", outcomeUrl());
        own.putAll(overrides);
        this.common = common;
        return service("reporting", settings.repo().resolve("reporting-service/target/reporting-service-"
                + Launcher.version() + "-exec.jar"), settings.reportingPort(), common, own);
    }

    /**
     * Restarts reporting-service with some settings changed, e.g. a new consumer group and database to rebuild every
     * projection from offset zero.
     */
    public void restartReporting(Map<String, String> overrides) throws IOException, InterruptedException {
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).shortName().equals("reporting")) {
                supervisor.stop(services.get(i));
                ServiceProcess fresh = reportingService(common, overrides);
                services.set(i, fresh);
                supervisor.start(List.of(fresh));
                return;
            }
        }
        throw new IllegalStateException("reporting-service is not running");
    }

    private ServiceProcess service(String name, Path jar, int port, Map<String, String> common,
                                   Map<String, String> own) {
        return new ServiceProcess(name, jar, port, merged(common, own), settings.serviceJavaOptions(),
                settings.home().resolve("logs").resolve(name + ".log"), run);
    }

    public String caseUrl() {
        return "http://localhost:" + settings.casePort();
    }

    public String outcomeUrl() {
        return "http://localhost:" + settings.outcomePort();
    }

    public String reportingUrl() {
        return "http://localhost:" + settings.reportingPort();
    }

    /** The trust gateway's HTTP base: FHIR at {@code /fhir}, opt-outs at {@code /api/opt-outs}. */
    public String gatewayUrl() {
        return "http://localhost:" + settings.gatewayPort();
    }

    /** The trust gateway's MLLP port (HL7 v2). */
    public int mllpPort() {
        return settings.mllpPort();
    }

    /**
     * Stops everything this stack started, in order: the trust gateway (so that nothing more is accepted from trusts
     * and its worker no longer calls case-service), then the other services (all asked at once with SIGTERM, each
     * killed if it has not stopped within 30 s), then Kafka, then MongoDB (its H2 file closed), then PostgreSQL (fast shutdown).
     * Nothing is restarted from the moment this is called.
     */
    @Override
    public void close() {
        closing = true;
        supervisor.stopping();
        synchronized (lifecycle) {
            stopAll();
        }
    }

    private void stopAll() {
        if (run == null) {
            return;
        }
        if (!services.isEmpty()) {
            PrefixedOutput.say("stopping the services");
        }
        if (tokenRenewal != null) {
            tokenRenewal.shutdownNow();
            tokenRenewal = null;
        }
        services.forEach(supervisor::release);
        for (ServiceProcess service : services) {
            if (service.shortName().equals("gateway")) {
                service.terminate();
                quietly(service::stop);
            }
        }
        services.forEach(ServiceProcess::terminate);
        for (ServiceProcess service : services) {
            quietly(service::stop);
        }
        services.clear();
        if (kafka != null) {
            PrefixedOutput.say("stopping Kafka");
            supervisor.release(kafka);
            quietly(kafka::stop);
            kafka = null;
        }
        if (mongo != null) {
            quietly(mongo::shutdown);
            quietly(mongoBackend::close);
            PrefixedOutput.say("MongoDB (mongo-java-server) closed its H2 file");
            mongo = null;
        }
        if (postgres != null) {
            quietly(this::stopPostgres);
            postgres = null;
        }
        if (watchdog != null) {
            quietly(watchdog::close);
            watchdog = null;
        }
        run.close();
        run = null;
    }

    private void stopPostgres() throws Exception {
        long started = System.nanoTime();
        Optional<ProcessHandle> postmaster = run.postmaster();
        postgres.close(); // pg_ctl stop -m fast, which gives up waiting after 5 s
        if (postmaster.isPresent()) {
            try {
                postmaster.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                PrefixedOutput.say("PostgreSQL (pid " + postmaster.get().pid() + ") did not stop within 60 s");
                return;
            }
        }
        PrefixedOutput.say(String.format("PostgreSQL stopped in %.1f s", (System.nanoTime() - started) / 1e9));
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void quietly(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            PrefixedOutput.say("while stopping: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
