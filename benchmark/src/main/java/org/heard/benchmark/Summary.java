package org.heard.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every figure of a benchmark run, each with its target where issue 15 sets one: printed as one table and written as
 * JSON ({@code <HEARD_HOME>/bench/summary-<time>.json}).
 */
final class Summary {

    /** How a figure is held against its target. */
    enum Goal {
        AT_LEAST("≥"), AT_MOST("≤"), NONE("");

        final String sign;

        Goal(String sign) {
            this.sign = sign;
        }
    }

    /**
     * One figure. {@code ratio} is measured / target; {@code met} says whether the target holds (null without one,
     * or when the figure could not be measured).
     */
    record Figure(String section, String name, double value, String unit, Goal goal, double target, String note) {

        Double ratio() {
            return goal == Goal.NONE || !Double.isFinite(target) || target == 0 || Double.isNaN(value) ? null
                    : value / target;
        }

        Boolean met() {
            if (goal == Goal.NONE || Double.isNaN(value)) {
                return null;
            }
            return goal == Goal.AT_LEAST ? value >= target : value <= target;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Instant started = Instant.now();
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Map<String, Object>> details = new LinkedHashMap<>();

    /** A figure without a target. */
    void add(String section, String name, double value, String unit, String note) {
        figures.add(new Figure(section, name, value, unit, Goal.NONE, Double.NaN, note));
    }

    /** A figure held against a target. */
    void add(String section, String name, double value, String unit, Goal goal, double target, String note) {
        figures.add(new Figure(section, name, value, unit, goal, target, note));
    }

    /** Raw figures of a section, kept in the JSON only. */
    void detail(String section, String name, Object value) {
        details.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(name, value);
    }

    List<Figure> figures() {
        return figures;
    }

    /** The figures as one table. */
    void print(PrintStream out) {
        String format = "%-36s %-38s %12s %-7s %10s %6s %-4s %s%n";
        out.println();
        out.printf(format, "section", "figure", "measured", "unit", "target", "ratio", "met", "note");
        out.println("-".repeat(150));
        for (Figure f : figures) {
            Double ratio = f.ratio();
            Boolean met = f.met();
            out.printf(format, f.section(), f.name(), number(f.value()), f.unit(),
                    f.goal() == Goal.NONE ? "" : f.goal().sign + " " + number(f.target()),
                    ratio == null ? "" : String.format(Locale.ROOT, "%.2f", ratio),
                    met == null ? "" : met ? "yes" : "NO", f.note() == null ? "" : f.note());
        }
        out.println();
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isInfinite(value)) {
            return "+Inf";
        }
        if (Math.abs(value) >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    /** The figures and details as JSON. */
    String json(Map<String, Object> context) {
        ObjectNode root = JSON.createObjectNode();
        root.put("started", started.toString());
        root.put("finished", Instant.now().toString());
        root.set("context", JSON.valueToTree(context));
        ArrayNode list = root.putArray("figures");
        for (Figure f : figures) {
            ObjectNode node = list.addObject();
            node.put("section", f.section());
            node.put("name", f.name());
            putNumber(node, "value", f.value());
            node.put("unit", f.unit());
            if (f.goal() != Goal.NONE) {
                node.put("goal", f.goal().name());
                putNumber(node, "target", f.target());
                Double ratio = f.ratio();
                if (ratio == null) {
                    node.putNull("ratio");
                } else {
                    putNumber(node, "ratio", ratio);
                }
                Boolean met = f.met();
                if (met == null) {
                    node.putNull("met");
                } else {
                    node.put("met", met);
                }
            }
            if (f.note() != null) {
                node.put("note", f.note());
            }
        }
        root.set("details", JSON.valueToTree(details));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    // JSON has no NaN or infinity: unmeasured is null, +Inf is the string "+Inf"
    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else if (Double.isInfinite(value)) {
            node.put(name, value > 0 ? "+Inf" : "-Inf");
        } else {
            node.put(name, value);
        }
    }

    /** Writes the JSON to {@code <home>/bench/summary-<time>.json} and returns its path. */
    Path write(Path home, Map<String, Object> context) throws IOException {
        Path dir = home.resolve("bench");
        Files.createDirectories(dir);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Path file = dir.resolve("summary-" + stamp + ".json");
        Files.writeString(file, json(context));
        return file;
    }
}
