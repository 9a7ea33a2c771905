package org.heard.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small process that outlives a killed launcher just long enough to stop what it started. It is a shell blocked
 * reading a pipe from the launcher: when the launcher ends in any way, {@code kill -9} included, the kernel closes the
 * pipe and the read returns. After a clean stop the launcher first writes {@code stopped} and the shell just exits;
 * otherwise it becomes a short-lived JVM ({@link #main}) that stops the leftovers through {@link RunDirectory}, in the
 * same order and with the same checks as the next start would.
 *
 * <p>Why not a watchdog inside each child: the services are Spring Boot jars that know nothing of the launcher, and
 * PostgreSQL is not even the launcher's child ({@code pg_ctl} starts it in a session of its own), so no parent-death
 * signal reaches it. A pipe's end-of-file is the one notice that follows every way a process can die.
 */
final class Watchdog implements AutoCloseable {

    /** The watchdog's name on its command line ({@code $0} of the shell). */
    static final String NAME = "heard-watchdog";
    private static final String SCRIPT = "read -r line; [ \"$line\" = stopped ] && exit 0; "
            + "exec \"$1\" -Xms8m -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp \"$2\" "
            + Watchdog.class.getName() + " \"$3\"";

    private final Process process;
    private final RunDirectory run;

    private Watchdog(Process process, RunDirectory run) {
        this.process = process;
        this.run = run;
    }

    /** Starts the watchdog of this launcher, in a session of its own so that a Ctrl-C meant for the launcher does not reach it. */
    static Watchdog start(RunDirectory run, Path home, Path repo) throws IOException {
        Process process = new ProcessBuilder(List.of("setsid", "sh", "-c", SCRIPT, NAME, Launcher.javaExecutable(),
                Launcher.classpath(repo), home.toString()))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        run.record("watchdog", process.pid());
        return new Watchdog(process, run);
    }

    long pid() {
        return process.pid();
    }

    /** After a clean stop: tells the watchdog there is nothing left to do. */
    @Override
    public void close() throws InterruptedException {
        try (OutputStream pipe = process.getOutputStream()) {
            pipe.write("stopped\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException alreadyGone) {
            // it has nothing to do either way
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        run.forget("watchdog");
    }

    /** The watchdog's work once its launcher is gone: {@code Watchdog <home>}. */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        RunDirectory run = RunDirectory.of(home);
        PrefixedOutput.say("the launcher of " + home + " is gone; the watchdog stops what it started");
        int stopped = run.stopLeftovers("of the launcher that is gone");
        run.forget("watchdog");
        PrefixedOutput.say("watchdog: " + stopped + " process" + (stopped == 1 ? "" : "es") + " stopped");
    }
}
