package org.heard.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Copies a child process's output to its log file, every line, and to our console the lines that matter, prefixed
 * with the process's name: Heard's own progress, and warnings and errors (with their stack traces). Kafka clients'
 * configuration dumps and the framework's start-up chatter stay in {@code .heard/logs/<process>.log}, which
 * {@code ./heard logs [process]} follows. {@code HEARD_CONSOLE=all} shows everything, as the log files do.
 */
final class PrefixedOutput {

    private PrefixedOutput() {
    }

    /** Also appends every line to the log file (created with its folder if missing). */
    static void pipe(String name, InputStream in, PrintStream out, java.nio.file.Path logFile) {
        String prefix = String.format("%-10s| ", name);
        Console console = "all".equalsIgnoreCase(System.getenv("HEARD_CONSOLE")) ? Console.everything() : new Console();
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                java.nio.file.Files.createDirectories(logFile.getParent());
                try (java.io.Writer file = java.nio.file.Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (console.shows(line)) {
                            out.println(prefix + line);
                        }
                        file.write(line);
                        file.write('\n');
                        file.flush();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "output-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    static void say(String message) {
        System.out.println(String.format("%-10s| ", "heard") + message);
    }

    /**
     * Decides, line by line, what of a child's log reaches the console. A line's level is the first word after its
     * time (Spring Boot's and the broker's patterns); lines without one continue the line before (a stack trace)
     * and are shown when it was.
     */
    static final class Console {

        private static final List<String> LEVELS = List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
        /**
         * Warnings that repeat (while a peer is away, at every start) and say nothing Heard's own do not: the Kafka
         * clients' reconnection attempts, springdoc's advice to turn its pages off, and Micrometer's note on Axon's
         * latency monitor, which registers its gauge again with every event.
         */
        private static final List<String> REPEATED_WARNINGS = List.of("o.apache.kafka.clients.NetworkClient",
                "org.apache.kafka.clients.NetworkClient", "SpringDocAppInitializer",
                "has been already registered (MeterId{name='axon.publisher.");
        /** Heard's own INFO lines that are framework chatter all the same. */
        private static final List<String> CHATTER = List.of("No active profile set");

        private final boolean everything;
        private boolean showing;

        Console() {
            this(false);
        }

        private Console(boolean everything) {
            this.everything = everything;
        }

        static Console everything() {
            return new Console(true);
        }

        boolean shows(String line) {
            if (everything) {
                return true;
            }
            String level = level(line);
            if (level == null) {
                return showing && !line.isBlank();
            }
            showing = switch (level) {
                case "ERROR" -> true;
                case "WARN" -> REPEATED_WARNINGS.stream().noneMatch(line::contains);
                case "INFO" -> heards(line) && CHATTER.stream().noneMatch(line::contains);
                default -> false;
            };
            return showing;
        }

        private static String level(String line) {
            String[] words = line.stripLeading().split("\\s+", 4);
            for (int i = 0; i < Math.min(3, words.length); i++) {
                if (LEVELS.contains(words[i])) {
                    return words[i];
                }
            }
            return null;
        }

        /** Heard's own loggers: {@code org.heard…}, which Spring Boot's pattern abbreviates to {@code o.h.…}. */
        private static boolean heards(String line) {
            return line.contains(" o.h.") || line.contains(" org.heard.");
        }
    }
}
