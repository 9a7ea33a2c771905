package org.heard.kit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code deploy/observability} (Prometheus rules, Grafana dashboards) expects of the services' scrapes, and the
 * checks every service's component test runs on its own {@code /actuator/prometheus}: every Heard family described,
 * promtool content with Heard's families, and every metric a rule or panel names present.
 */
public final class Observability {

    /** The services that are scraped. */
    public enum Service { CASE, OUTCOME, REPORTING }

    private static final Set<String> NOT_METRICS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "sum", "min", "max", "avg", "count", "stddev",
            "stdvar", "topk", "bottomk", "quantile", "count_values", "group", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?");

    private Observability() {
    }

    /** {@code deploy/observability} of the checkout, found from the module a test runs in. */
    public static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/observability");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("deploy/observability not found above " + Path.of("").toAbsolutePath());
    }

    public static List<Path> ruleFiles() {
        return list(directory().resolve("prometheus"), ".rules.yml");
    }

    public static List<Path> dashboards() {
        return list(directory().resolve("grafana/dashboards"), ".json");
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every PromQL expression of the rules and the dashboards' panels. */
    @SuppressWarnings("unchecked")
    public static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (Path file : ruleFiles()) {
            Map<String, Object> rules = new Yaml().load(read(file));
            for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    expressions.add(String.valueOf(rule.get("expr")));
                }
            }
        }
        for (Path file : dashboards()) {
            for (JsonNode panel : JsonMapper.builder().build().readTree(read(file)).get("panels")) {
                for (JsonNode target : panel.get("targets")) {
                    expressions.add(target.get("expr").asString());
                }
            }
        }
        return expressions;
    }

    /** The names recording rules define ({@code heard:…}). */
    @SuppressWarnings("unchecked")
    public static Set<String> recorded() {
        Set<String> names = new TreeSet<>();
        for (Path file : ruleFiles()) {
            Map<String, Object> rules = new Yaml().load(read(file));
            for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    if (rule.get("record") != null) {
                        names.add(String.valueOf(rule.get("record")));
                    }
                }
            }
        }
        return names;
    }

    /** The metric names a PromQL expression reads (not functions, keywords, labels, strings or durations). */
    public static Set<String> metricNames(String expression) {
        String stripped = expression.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(stripped);
        while (matcher.find()) {
            String name = matcher.group().replaceAll("\\s*\\($", "");
            boolean function = matcher.group(1) != null && !NOT_METRICS.contains(name);
            if (!function && !NOT_METRICS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every metric (not recorded, not Prometheus's own {@code up}) the rules and dashboards name. */
    public static Set<String> scrapedMetricsNamed() {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions()) {
            for (String name : metricNames(expression)) {
                if (!name.contains(":") && !name.equals("up")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** The services whose scrape has the metric; empty when none is known to (a name no service exports). */
    public static Set<Service> exportedBy(String metric) {
        if (metric.startsWith("heard_reporting_")) {
            return EnumSet.of(Service.REPORTING);
        }
        if (metric.startsWith("heard_directory_")) {
            return EnumSet.of(Service.OUTCOME);
        }
        if (metric.startsWith("heard_outbox_") || metric.startsWith("heard_publisher_")
                || metric.startsWith("axon_publisher_") || metric.startsWith("hikaricp_")) {
            return EnumSet.of(Service.CASE, Service.OUTCOME);
        }
        if (metric.startsWith("http_server_requests_") || metric.startsWith("jvm_")
                || metric.startsWith("process_") || metric.startsWith("logback_")) {
            return EnumSet.allOf(Service.class);
        }
        return EnumSet.noneOf(Service.class);
    }

    /** The metrics the rules and dashboards expect of this service that its scrape lacks. */
    public static List<String> missingFrom(String scrape, Service service) {
        Set<String> series = seriesNames(scrape);
        return scrapedMetricsNamed().stream().filter(name -> exportedBy(name).contains(service))
                .filter(name -> !series.contains(name)).toList();
    }

    /** Heard's families ({@code heard_*}) that have no HELP line. */
    public static List<String> heardFamiliesWithoutHelp(String scrape) {
        Set<String> described = new TreeSet<>();
        Set<String> families = new TreeSet<>();
        for (String line : scrape.lines().toList()) {
            if (line.startsWith("# HELP heard_")) {
                String[] words = line.split(" ", 4);
                if (words.length == 4 && !words[3].isBlank()) {
                    described.add(words[2]);
                }
            } else if (line.startsWith("# TYPE heard_")) {
                families.add(line.split(" ")[2]);
            }
        }
        families.removeAll(described);
        return List.copyOf(families);
    }

    /** The series names of a scrape ({@code name{labels} value} or {@code name value}). */
    public static Set<String> seriesNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.lines().toList()) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int end = line.indexOf('{');
                names.add(line.substring(0, end < 0 ? line.indexOf(' ') : end));
            }
        }
        return names;
    }

    /** Whether promtool (Debian's {@code prometheus} package) is on the PATH. */
    public static boolean promtoolInstalled() {
        try {
            return run(List.of("promtool", "--version"), null).exitCode() == 0;
        } catch (IllegalStateException notThere) {
            return false;
        }
    }

    /** promtool's complaints about the scrape's Heard families ({@code heard_*}); empty without promtool. */
    public static Optional<List<String>> promtoolProblemsWithHeardFamilies(String scrape) {
        if (!promtoolInstalled()) {
            return Optional.empty();
        }
        Result result = run(List.of("promtool", "check", "metrics"), scrape);
        return Optional.of(result.output().lines().filter(line -> line.startsWith("heard_")).toList());
    }

    /** What a command printed (stdout and stderr) and its exit code. */
    public record Result(int exitCode, String output) {
    }

    /** Runs a command, feeding it the input if any, for at most a minute. */
    public static Result run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (input != null) {
                try (var stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            } else {
                process.getOutputStream().close();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within a minute");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + " could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All checks on one service's scrape, as messages (empty when clean). */
    public static List<String> problems(String scrape, Service service) {
        try {
            // kept for a look by hand: promtool check metrics < target/scrape.prom
            Files.writeString(Path.of("target", "scrape.prom"), scrape);
        } catch (IOException ignored) {
            // only a copy
        }
        List<String> problems = new ArrayList<>();
        heardFamiliesWithoutHelp(scrape).forEach(f -> problems.add(f + ": no HELP"));
        promtoolProblemsWithHeardFamilies(scrape).ifPresent(p -> p.forEach(line -> problems.add("promtool: " + line)));
        missingFrom(scrape, service).forEach(m -> problems.add(m + ": named in deploy/observability, not scraped"));
        return problems;
    }
}
