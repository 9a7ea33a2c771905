package org.heard.deploy;

import java.io.File;
import java.nio.file.Path;

/**
 * {@code ./heard up}: starts the local stack in the foreground, prints where everything is, and stops it all on
 * Ctrl-C.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "up" : args[0];
        Path repo = Path.of(System.getProperty("heard.repo", ".")).toAbsolutePath().normalize();
        if (command.equals("token")) {
            token(repo, args);
            return;
        }
        if (!command.equals("up") && !command.equals("demo")) {
            System.err.println("usage: heard up | heard demo [seed] [size] | heard token <role> [subject] [person-id]");
            System.exit(2);
        }
        StackSettings settings;
        try {
            settings = StackSettings.fromEnvironment(repo, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(settings);
        // SIGINT, SIGTERM and SIGHUP all end here (the heard script makes sure SIGINT is not ignored).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            PrefixedOutput.say("stopping");
            stack.close();
            PrefixedOutput.say("stopped");
        }, "heard-shutdown"));
        long started = System.nanoTime();
        try {
            stack.start();
        } catch (LocalStack.PortInUse e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("Heard could not start: " + e.getMessage() + " (logs in " + settings.home().resolve("logs")
                    + ")");
            System.exit(1);
        }
        String ready = String.format("ready in %.1f s; data in %s", (System.nanoTime() - started) / 1e9,
                settings.home());
        PrefixedOutput.say(ready);
        recordReady(settings.home(), ready);
        PrefixedOutput.say("case-service      " + stack.caseUrl() + "/api/cases");
        PrefixedOutput.say("outcome-service   " + stack.outcomeUrl() + "/api/assessments");
        PrefixedOutput.say("reporting-service " + stack.reportingUrl() + "/api/persons/{personId}/timeline");
        PrefixedOutput.say("trust-gateway     " + stack.gatewayUrl() + "/fhir (FHIR R4), HL7 v2 over MLLP on port "
                + stack.mllpPort());
        PrefixedOutput.say("Kafka " + settings.kafkaBootstrap() + " | PostgreSQL "
                + settings.caseDbUrl().replaceFirst("/heard_case$", "") + " | MongoDB " + settings.mongoUri());
        PrefixedOutput.say("full logs in " + settings.home().resolve("logs") + "; ./heard logs [process] follows them");
        if (command.equals("demo")) {
            demo(stack, settings, args);
        }
        PrefixedOutput.say("Ctrl-C (or SIGTERM) stops everything; a service or the broker that exits is restarted");
        // The supervisor restarts children on its own threads; this one only waits for the shutdown hook.
        new java.util.concurrent.CountDownLatch(1).await();
    }

    /**
     * Appends the ready line to {@code <home>/logs/launcher.log}, where {@code ./heard bench footprint} reads the time
     * to ready (the launcher's own output goes only to its terminal).
     */
    private static void recordReady(Path home, String ready) {
        try {
            java.nio.file.Path log = home.resolve("logs/launcher.log");
            java.nio.file.Files.createDirectories(log.getParent());
            java.nio.file.Files.writeString(log, java.time.Instant.now() + " " + ready + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            PrefixedOutput.say("could not write logs/launcher.log: " + e.getMessage());
        }
    }

    /** {@code heard demo [seed] [size]}: loads the synthetic scenario into the running stack and prints the table. */
    private static void demo(LocalStack stack, StackSettings settings, String[] args) throws Exception {
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 2018;
        double size = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        LocalKeys keys = new LocalKeys(settings.home());
        PrefixedOutput.say(String.format("loading the demo scenario (seed %d, size %.2f) through the public APIs", seed,
                size));
        long started = System.nanoTime();
        org.heard.deploy.demo.DemoScenario scenario = new org.heard.deploy.demo.DemoScenario(stack.caseUrl(),
                stack.outcomeUrl(), keys, seed, size, System.out)
                .throughGateway(stack.gatewayUrl(), "127.0.0.1", stack.mllpPort());
        int people = scenario.run(4);
        scenario.awaitTrustGateway(settings.gatewayDbUrl(), System.getenv().getOrDefault("HEARD_POSTGRES_USER",
                "postgres"), System.getenv().getOrDefault("HEARD_POSTGRES_PASSWORD", "postgres"),
                java.time.Duration.ofMinutes(10));
        PrefixedOutput.say(String.format("%d people loaded in %.1f s; waiting for the impact views", people,
                (System.nanoTime() - started) / 1e9));
        tools.jackson.databind.JsonNode rows = org.heard.deploy.demo.HeadlineTable.await(stack.reportingUrl(),
                keys.token("analyst", "demo-analyst", null, java.time.Duration.ofHours(1)),
                java.time.Duration.ofSeconds(120));
        System.out.println();
        System.out.println("  Empowerment over time by cohort (Heard empowerment framework, scores 6–30)");
        org.heard.deploy.demo.HeadlineTable.print(rows, System.out);
        System.out.println();
        scenario.printUptake(stack.reportingUrl(), keys.token("analyst", "demo-analyst", null,
                java.time.Duration.ofHours(1)), System.out);
        PrefixedOutput.say("analyst API: " + stack.reportingUrl() + "/api/impact/cohorts?groupBy=advocacyType,ethnicGroup"
                + " (token: ./heard token analyst)");
        // the fragment never reaches a server; the page takes the token out of the address at once
        PrefixedOutput.say("dashboard: " + stack.reportingUrl() + "/dashboard/#token="
                + keys.token("analyst", "demo-analyst", null, java.time.Duration.ofHours(8))
                + "  (or open " + stack.reportingUrl() + "/dashboard/ and paste ./heard token analyst)");
        PrefixedOutput.say("OpenAPI: " + stack.caseUrl() + "/swagger-ui.html, " + stack.outcomeUrl()
                + "/swagger-ui.html, " + stack.reportingUrl() + "/swagger-ui.html");
    }

    /**
     * {@code heard token <role> [subject] [person-id]}: prints a development token signed by the local stack's own
     * issuer key, valid for 8 hours. It works only where that key is (the local stack's home); services never mint.
     */
    private static void token(Path repo, String[] args) throws Exception {
        if (args.length < 2 || !LocalKeys.ROLES.contains(args[1])) {
            System.err.println("usage: heard token <role> [subject] [person-id]; roles: " + LocalKeys.ROLES);
            System.exit(2);
        }
        StackSettings settings = StackSettings.fromEnvironment(repo, System.getenv());
        if (!java.nio.file.Files.exists(settings.home().resolve("keys/jwt-private.pem"))) {
            System.err.println("no local token issuer in " + settings.home() + ": start the stack once with ./heard up");
            System.exit(2);
        }
        String role = args[1];
        String subject = args.length > 2 ? args[2] : role + "-1";
        String personId = args.length > 3 ? args[3] : null;
        if (role.equals("service-user") && personId == null) {
            System.err.println("a service-user token needs the person's id: heard token service-user <subject> <person-id>");
            System.exit(2);
        }
        System.out.println(new LocalKeys(settings.home()).token(role, subject, personId, java.time.Duration.ofHours(8)));
    }

    /**
     * Asks a child process to stop (SIGTERM, so it shuts down gracefully), kills it if it has not within 30 s, and
     * says how it went.
     */
    static void stop(String name, Process process) throws InterruptedException {
        stop(name, process, System.nanoTime());
    }

    /** As {@link #stop(String, Process)}, for a process that was asked to stop at {@code started} (nano time). */
    static void stop(String name, Process process, long started) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            PrefixedOutput.say(name + " did not stop within 30 s; killing it");
            process.destroyForcibly().waitFor();
        }
        PrefixedOutput.say(String.format("%s stopped (exit %d) in %.1f s", name, process.exitValue(),
                (System.nanoTime() - started) / 1e9));
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The classpath of the launcher, which also holds the Kafka broker: {@code deploy/local/target/{classes,lib}}. */
    static String classpath(Path repo) {
        Path target = repo.resolve("deploy/local/target");
        return target.resolve("classes") + File.pathSeparator + target.resolve("lib") + File.separator + "*";
    }

    /** The version of Heard this launcher was built with, which names the service jars. */
    static String version() {
        try (java.io.InputStream in = Launcher.class.getResourceAsStream("/heard-version.properties")) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("heard-version.properties missing from the launcher's classpath", e);
        }
    }
}
