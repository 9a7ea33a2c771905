package org.heard.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Copies a child process's output to ours, each line prefixed with the process's name. */
final class PrefixedOutput {

    private PrefixedOutput() {
    }

    /** Also appends every line to the log file (created with its folder if missing). */
    static void pipe(String name, InputStream in, PrintStream out, java.nio.file.Path logFile) {
        String prefix = String.format("%-10s| ", name);
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                java.nio.file.Files.createDirectories(logFile.getParent());
                try (java.io.Writer file = java.nio.file.Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        out.println(prefix + line);
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
}
