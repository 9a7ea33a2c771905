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

    static void pipe(String name, InputStream in, PrintStream out) {
        String prefix = String.format("%-10s| ", name);
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    out.println(prefix + line);
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
